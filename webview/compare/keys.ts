/** The comparison view's keyboard shortcuts (the help dialog lists them). */
import { LAYERS, type LayerId } from '../state';

export interface KeyActions {
  zoomBy(factor: number): void;
  fit(): void;
  panBy(dx: number, dy: number): void;
  toggleHelp(): void;
  toggleLayer(id: LayerId): void;
}

/** Screen pixels an arrow key pans. */
const PAN = 40;

/** Acts on a shortcut (and keeps it from the page); keys typed into a control are left alone. */
export function handleKey(e: KeyboardEvent, act: KeyActions): void {
  const t = e.target as HTMLElement | null;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName.startsWith('VSCODE-'))) return;
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  switch (e.key) {
    case '+':
    case '=':
      act.zoomBy(1.25);
      break;
    case '-':
      act.zoomBy(0.8);
      break;
    case '0':
      act.fit();
      break;
    case 'ArrowLeft':
      act.panBy(PAN, 0);
      break;
    case 'ArrowRight':
      act.panBy(-PAN, 0);
      break;
    case 'ArrowUp':
      act.panBy(0, PAN);
      break;
    case 'ArrowDown':
      act.panBy(0, -PAN);
      break;
    case '?':
      act.toggleHelp();
      break;
    default: {
      const k = Number(e.key);
      if (!Number.isInteger(k) || k < 1 || k > LAYERS.length) return;
      act.toggleLayer(LAYERS[k - 1]);
    }
  }
  e.preventDefault();
}
