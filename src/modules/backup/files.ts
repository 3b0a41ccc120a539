import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

export interface FileEntry {
  /** Path under the uploads directory, with `/` separators. */
  path: string;
  bytes: number;
  sha256: string;
}

export function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Every file under a directory, depth first, in a stable order. */
export async function filesUnder(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const entry of (await readdir(root, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = join(root, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Copies every file of `from` into `to`, keeping the layout; returns each file's size and checksum. */
export async function copyTree(from: string, to: string): Promise<FileEntry[]> {
  const entries: FileEntry[] = [];
  for (const file of await filesUnder(from)) {
    const path = relative(from, file).split(sep).join('/');
    const dest = join(to, path);
    await mkdir(dirname(dest), { recursive: true });
    await copyFile(file, dest);
    entries.push({ path, bytes: (await stat(dest)).size, sha256: await sha256Of(dest) });
  }
  return entries;
}

/** The first file of the list that is missing or differs under `root`, or null when all match. */
export async function firstMismatch(root: string, entries: FileEntry[]): Promise<string | null> {
  for (const e of entries) {
    const file = join(root, e.path);
    if (!existsSync(file) || (await sha256Of(file)) !== e.sha256) return e.path;
  }
  return null;
}
