/**
 * The one way the extension reads a mask: `vscode.workspace.fs` (remote workspaces work), after
 * checking from `stat` that it is a regular file of a sane size, so a FIFO or a link to a device
 * cannot hang or exhaust the extension host. Failures throw one line naming the file.
 */
import * as vscode from 'vscode';
import { DEFAULT_MAX_PIXELS } from '../core/io/index';
import { maskByteLimit, maskFileProblem } from './maskFileCheck';

export interface MaskFile {
  bytes: Uint8Array;
  stat: vscode.FileStat;
}

const why = (e: unknown): string =>
  e instanceof vscode.FileSystemError && e.code === 'FileNotFound' ? 'no such file' : e instanceof Error ? e.message : String(e);

/** Reads `uri` as a mask; `name` is how messages call it (a relative path or the base name). */
export async function readMaskFile(uri: vscode.Uri, name: string, maxPixels = DEFAULT_MAX_PIXELS): Promise<MaskFile> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (e) {
    throw new Error(`${name}: ${why(e)}`);
  }
  const limit = maskByteLimit(maxPixels);
  const problem = maskFileProblem(
    { isFile: (stat.type & vscode.FileType.File) !== 0, isDirectory: (stat.type & vscode.FileType.Directory) !== 0, size: stat.size },
    name,
    limit,
  );
  if (problem) throw new Error(problem);
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    throw new Error(`${name}: ${why(e)}`);
  }
  // It may have grown between the stat and the read.
  if (bytes.byteLength > limit) throw new Error(maskFileProblem({ isFile: true, isDirectory: false, size: bytes.byteLength }, name, limit));
  return { bytes, stat };
}
