/**
 * Untrusted text (file names, folder names, error messages that quote them) made inert in a Markdown
 * tooltip that has HTML and command links turned on. Every ASCII punctuation character is
 * backslash-escaped (CommonMark allows it for all of them), so no `[link](command:…)`, `<tag>`, `&entity;`,
 * `$(icon)` or emphasis can start; line breaks and other control characters are shown as visible symbols,
 * so a name cannot open a new paragraph or block. Pure.
 */

/** U+2400… "control pictures": ␀…␟ for C0 controls, ␡ for DEL; ␤ for the Unicode line and paragraph separators. */
function visibleControl(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\u2424';
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, visibleControl).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}
