/**
 * Void labels (255 in 8-bit masks, as in Pascal VOC and Cityscapes; 65535 in 16-bit ones) make a pair
 * fail with "ground truth has class 255" when the ignore index is not set. This finds that case in a
 * pair's error so the extension can say which setting fixes it. Pure.
 */
const VOID_LABELS = [255, 65535];

/** The ignore index that would let this failed pair be read, or undefined when the error is about something else. */
export function suggestedIgnoreIndex(message: string): number | undefined {
  const m = /\bhas class (\d+)\b|\bbinary 0\/(\d+) mask\b|ignore[- ]index[ =]+(\d+)|\bclass(?:es)? (?:up to |of )?(\d+)\b/i.exec(message);
  if (!m) return undefined;
  const n = Number(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return VOID_LABELS.includes(n) ? n : undefined;
}

/** The sentence appended to such an error. */
export const ignoreIndexAdvice = (n: number): string => `If ${n} marks void (unlabelled) pixels, set maskInspector.ignoreIndex to ${n}.`;

/** The message with the advice in the extension's terms (its setting, not the CLI's flag), when there is one to give. */
export function withIgnoreIndexAdvice(message: string): string {
  const n = suggestedIgnoreIndex(message);
  if (n === undefined) return message;
  const own = message.replace(/--ignore-index (\d+)/g, 'maskInspector.ignoreIndex: $1');
  return own.includes('maskInspector.ignoreIndex') ? own : `${own}. ${ignoreIndexAdvice(n)}`;
}
