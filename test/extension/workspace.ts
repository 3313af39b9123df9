/**
 * The workspace the extension's tests open: a copy of samples/ (never the repository itself: tests
 * add and delete masks), plus text files that mention mask paths for the hover tests.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Lines of files.csv; the hover tests look for these paths. */
export const CSV_LINES = ['gt,pred,split', 'cells/gt/img_003.png,cells/pred/unet/img_003.png,val', 'lesions/case1_gt.png,lesions/case1_prob.png,train'];

export function makeTestWorkspace(repo: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'miws-'));
  cpSync(join(repo, 'samples'), dir, { recursive: true });
  writeFileSync(join(dir, 'files.csv'), CSV_LINES.join('\n') + '\n');
  writeFileSync(join(dir, 'train.py'), "import numpy as np\n\nlabel = load_mask('street/gt/frame_0002.png')\nprint('not a mask: notes.txt')\n");
  return dir;
}
