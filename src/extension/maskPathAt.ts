/** Finds the path to a mask file under the cursor in a line of any text (CSV, JSON, Python, ...). Pure. */

export interface PathHit {
  /** The path as written (quotes removed, `file://` URIs decoded to a path). */
  path: string;
  start: number;
  end: number;
}

const QUOTED = /(["'`])([^"'`\r\n]*?\.(?:png|npy|nii\.gz|nii|nrrd|npz))\1/gi;
const BARE = /[^\s"'`,;()[\]{}<>=|]+?\.(?:png|npy|nii\.gz|nii|nrrd|npz)(?![\w.])/gi;

function fromFileUri(text: string): string {
  if (!/^file:\/\//i.test(text)) return text;
  try {
    return decodeURIComponent(text.replace(/^file:\/\/(localhost)?/i, ''));
  } catch {
    return text;
  }
}

/** Paths are short: only this much of the line around the cursor is searched. */
const WINDOW = 1024;

/**
 * The mask path whose characters include `character`, if any. The search runs on a window of the
 * line around the cursor, so a megabyte-long line (minified JSON, base64) costs no more than a short one.
 */
export function maskPathAt(line: string, character: number): PathHit | undefined {
  const from = Math.max(0, character - WINDOW);
  const text = line.slice(from, character + WINDOW);
  const at = character - from;
  for (const re of [QUOTED, BARE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const path = re === QUOTED ? m[2]! : m[0];
      const start = re === QUOTED ? m.index + 1 : m.index;
      const end = start + path.length;
      if (at >= start && at <= end) return { path: fromFileUri(path), start: start + from, end: end + from };
    }
  }
  return undefined;
}
