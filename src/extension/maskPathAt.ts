/** Finds the path to a mask file under the cursor in a line of any text (CSV, JSON, Python, ...). Pure. */

export interface PathHit {
  /** The path as written (quotes removed, `file://` URIs decoded to a path). */
  path: string;
  start: number;
  end: number;
}

const QUOTED = /(["'`])([^"'`\r\n]*?\.(?:png|npy))\1/gi;
const BARE = /[^\s"'`,;()[\]{}<>=|]+?\.(?:png|npy)(?![\w.])/gi;

function fromFileUri(text: string): string {
  if (!/^file:\/\//i.test(text)) return text;
  try {
    return decodeURIComponent(text.replace(/^file:\/\/(localhost)?/i, ''));
  } catch {
    return text;
  }
}

/** The mask path whose characters include `character`, if any. */
export function maskPathAt(line: string, character: number): PathHit | undefined {
  for (const re of [QUOTED, BARE]) {
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      const text = re === QUOTED ? m[2]! : m[0];
      const start = re === QUOTED ? m.index + 1 : m.index;
      const end = start + text.length;
      if (character >= start && character <= end) return { path: fromFileUri(text), start, end };
    }
  }
  return undefined;
}
