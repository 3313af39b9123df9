/** Import specifiers of a TypeScript source (static, re-export, dynamic, require). */
export function specifiers(source: string): string[];
/** Boundary violations of one file, its path relative to the repository root with `/` separators. */
export function violations(file: string, source: string): string[];
