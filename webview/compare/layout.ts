/** The comparison view's page: toolbar, notices, the canvas with its scale and message, the side panels, the help. */
import type { Witness } from '../../src/shared/protocol';
import { MAP_LOSSES } from '../engine/pixelLoss';
import type { ObjectSort } from '../objects/objectRows';
import { ObjectsView } from '../objects/objectsView';
import { CanvasView, type CanvasViewEvents } from '../render/canvasView';
import { LAYERS, type LayerId, type LayerState } from '../state';
import { ColourScale } from '../ui/colourScale';
import { h } from '../ui/dom';
import { LayersPanel } from '../ui/layersPanel';
import { LossTable, type LossTableEvents } from '../ui/lossTable';
import { Readout } from '../ui/readout';
import { Toolbar, type ToolbarEvents } from '../ui/toolbar';
import { WitnessList } from '../ui/witnessList';
import { LOSS_NAMES } from './lossNames';

export interface LayoutEvents {
  toolbar: ToolbarEvents;
  canvas: CanvasViewEvents;
  table: LossTableEvents;
  layerChanged(id: LayerId, s: LayerState): void;
  focusWitness(w: Witness): void;
  /** An object was picked in the list (the view zooms to it). */
  objectPicked(): void;
  /** The object list's order changed. */
  objectSortChanged(by: ObjectSort): void;
}

export interface Layout {
  toolbar: Toolbar;
  notices: HTMLElement;
  canvas: CanvasView;
  scale: ColourScale;
  /** A message over the image (nothing to show, or the host's error). */
  message: HTMLElement;
  /** Shown over the image while the numbers are computed. */
  progress: HTMLElement;
  layersPanel: LayersPanel;
  readout: Readout;
  witnessList: WitnessList<Witness>;
  objects: ObjectsView;
  table: LossTable;
  help: HTMLElement;
}

function helpDialog(): HTMLElement {
  return h(
    'div',
    { class: 'help', hidden: true, role: 'dialog', 'aria-label': 'Keyboard shortcuts' },
    h('h3', {}, 'Shortcuts'),
    h(
      'ul',
      {},
      ...[
        'Wheel, + / −: zoom (down to single pixels)', 'Drag, arrow keys: pan', '0: fit to view',
        ...LAYERS.map((id, k) => `${k + 1}: toggle layer ${id}`), '?: this help',
        'Click a pixel-wise loss name: show its per-pixel contribution',
      ].map((t) => h('li', {}, t)),
    ),
  );
}

/** Builds the page into `root`. */
export function buildLayout(root: HTMLElement, events: LayoutEvents): Layout {
  const toolbar = new Toolbar(events.toolbar);
  const notices = h('div', { class: 'notices' });
  const canvasHost = h('div', { class: 'canvas-host' });
  const message = h('div', { class: 'message', hidden: true });
  const progress = h('vscode-progress-ring', { class: 'progress', hidden: true, 'aria-label': 'Computing the numbers' });
  const canvas = new CanvasView(canvasHost, events.canvas);
  const scale = new ColourScale();
  canvasHost.append(scale.root, progress, message);
  const layersPanel = new LayersPanel(events.layerChanged);
  const readout = new Readout(MAP_LOSSES.map((id) => [id, LOSS_NAMES.get(id) ?? id] as const));
  const witnessList = new WitnessList<Witness>(events.focusWitness);
  const objects = new ObjectsView(canvas, { picked: events.objectPicked, sortChanged: events.objectSortChanged });
  const table = new LossTable(events.table);
  const help = helpDialog();
  const section = (title: string, body: HTMLElement) => h('section', {}, h('h2', {}, title), body);
  root.append(
    toolbar.root,
    notices,
    h(
      'div',
      { class: 'main' },
      canvasHost,
      h('aside', { class: 'side' },
        section('Layers', layersPanel.root),
        section('Pixel', readout.root),
        section('Hausdorff witnesses', witnessList.root),
        section('Objects', objects.list.root),
        section('Values', table.root),
      ),
    ),
    help,
  );
  return { toolbar, notices, canvas, scale, message, progress, layersPanel, readout, witnessList, objects, table, help };
}
