/** One line naming the path and what went wrong, from a Node file-system error. */
export function fileProblem(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' ? 'no such file or directory'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'is a directory, not a file'
    : code === 'ENOTDIR' ? 'not a directory'
    : code === 'ELOOP' ? 'too many levels of symbolic links'
    : (e as Error).message;
  return `${path}: ${why}`;
}
