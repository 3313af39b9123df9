/**
 * Tooltip text from file names: rendered by a CommonMark renderer with HTML on (as VS Code's hovers
 * with `supportHtml`), an escaped name is text, whatever it holds.
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../../src/extension/markdownText';

const render = (md: string): string => new MarkdownIt({ html: true, linkify: false }).render(md);

const HOSTILE = [
  'x\n\n<img src=x onerror=alert(1)>',
  'a\n\n[Open](command:maskInspector.openPair?%5B%7B%22gt%22%3A%22file%3A%2F%2F%2Fetc%2Fpasswd.png%22%7D%5D)',
  '`code` **bold** _em_ ~~s~~ # heading',
  '<a href="command:workbench.action.terminal.new">click</a>',
  '&lt;script&gt; &#60;b&#62;',
  '$(zap) ![img](data:image/png;base64,AAAA) | cell |',
  '    indented\r\n- list\n> quote\u2028line',
  '\\[escaped\\](x)',
];

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('renders %j as its own text: no tag, link, image, block or entity', (name) => {
    const html = render(`**Pair** ${escapeMarkdown(name)} end`);
    // One paragraph of text, nothing else.
    expect(html.match(/<[a-z]+/g)).toEqual(['<p', '<strong']);
    expect(html).not.toMatch(/<[a-z]+\s/); // no tag with attributes (href, src, on…)
    const text = html.replace(/<[^>]+>/g, '').trim();
    const shown = name.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => (c.charCodeAt(0) < 0x20 ? String.fromCharCode(0x2400 + c.charCodeAt(0)) : c === '\u007f' ? '\u2421' : '\u2424'));
    const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    expect(decode(text)).toBe(`Pair ${shown} end`);
  });

  it('leaves letters, digits, spaces and non-ASCII alone', () => {
    expect(escapeMarkdown('img 003 élève 画像')).toBe('img 003 élève 画像');
    expect(escapeMarkdown('a_gt.png')).toBe('a\\_gt\\.png');
  });
});
