/** Unpacked extensions put where VS Code scans them. */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

interface ExtensionManifest {
  publisher: string;
  name: string;
  version: string;
}

async function readManifest(extensionDir: string): Promise<ExtensionManifest> {
  const file = path.join(extensionDir, 'package.json');
  const pkg = JSON.parse(await fsp.readFile(file, 'utf8')) as Partial<ExtensionManifest>;
  if (!pkg.publisher || !pkg.name || !pkg.version) {
    throw new Error(`${file} needs publisher, name and version to be installed as an extension`);
  }
  return { publisher: pkg.publisher, name: pkg.name, version: pkg.version };
}

/**
 * Puts an unpacked extension into an extensions folder as <publisher>.<name>-<version>, the
 * layout VS Code scans. (Swapping folders in a folder that VS Code already scanned also needs
 * its extensions.json deleted; the harness always starts from an empty folder.)
 */
export async function installUnpackedExtension(
  extensionDir: string,
  extensionsDir: string,
  mode: 'symlink' | 'copy' = 'symlink',
): Promise<string> {
  const src = path.resolve(extensionDir);
  const m = await readManifest(src);
  const dest = path.join(extensionsDir, `${m.publisher}.${m.name}-${m.version}`);
  await fsp.rm(dest, { recursive: true, force: true });
  await fsp.mkdir(extensionsDir, { recursive: true });
  if (mode === 'symlink') {
    await fsp.symlink(src, dest, 'dir');
  } else {
    await fsp.cp(src, dest, { recursive: true, dereference: true });
  }
  return dest;
}
