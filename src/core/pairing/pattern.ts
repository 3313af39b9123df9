import { MaskError } from '../types';
import type { PairingPattern } from './types';

export interface PatternMatch {
  /** `**` captures and the stem, joined: equal keys pair. */
  key: string;
  /** The `**` captures and stem joined with '/', for display. */
  stem: string;
  model: string;
}

export type PathMatcher = (path: string) => PatternMatch | undefined;

function escape(text: string): string {
  return text.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
}

/** Compiles one side of a PairingPattern (syntax in types.ts) to a matcher. */
export function compilePattern(glob: string, side: 'gt' | 'pred'): { match: PathMatcher; globstars: number } {
  const fail = (why: string): never => {
    throw new MaskError('bad-pattern', `pairing pattern '${glob}': ${why}`);
  };
  let source = '';
  let globstars = 0;
  let stems = 0;
  let models = 0;
  let hasModel = false;
  const tokens = glob.split(/(\{stem\}|\{model\}|\*\*\/|\*\*|\*|\?)/).filter((t) => t !== '');
  let previous = '';
  for (const t of tokens) {
    if (t.startsWith('**') && previous !== '' && !previous.endsWith('/')) fail("'**' must be a whole folder segment");
    previous = t;
    if (t === '{stem}') {
      stems++;
      source += '(?<stem>[^/]+)';
    } else if (t === '{model}') {
      if (side === 'gt') fail('{model} belongs on the prediction side');
      models++;
      hasModel = true;
      source += '(?<model>[^/]+)';
    } else if (t === '**/') {
      source += `(?<g${globstars++}>(?:[^/]+/)*)`;
    } else if (t === '**') {
      fail("'**' must be a whole folder segment, followed by '/'");
    } else if (t === '*') source += '[^/]*';
    else if (t === '?') source += '[^/]';
    else source += escape(t);
  }
  if (stems !== 1) fail('needs {stem} exactly once');
  if (models > 1) fail('has {model} more than once');
  const re = new RegExp(`^${source}$`);
  const match: PathMatcher = (path) => {
    const m = re.exec(path);
    if (!m?.groups) return undefined;
    const stars = Array.from({ length: globstars }, (_, i) => m.groups![`g${i}`] ?? '');
    const stem = m.groups.stem!;
    return {
      key: [...stars, stem].join('\0'),
      stem: stars.join('') + stem,
      model: hasModel ? m.groups.model! : '',
    };
  };
  return { match, globstars };
}

export function compilePairingPattern(p: PairingPattern): { gt: PathMatcher; pred: PathMatcher } {
  const gt = compilePattern(p.gt, 'gt');
  const pred = compilePattern(p.pred, 'pred');
  if (gt.globstars !== pred.globstars) {
    throw new MaskError('bad-pattern', `pairing pattern: '${p.gt}' and '${p.pred}' need the same number of '**/'`);
  }
  return { gt: gt.match, pred: pred.match };
}
