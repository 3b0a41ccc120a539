import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

export interface FileEntry {
  /** Path under the uploads directory, with `/` separators. */
  path: string;
  /** As stored in the backup (encrypted when the backup is): checked without the key. */
  bytes: number;
  sha256: string;
  /** An encrypted backup's: the file as it was, checked again after it is restored. */
  plain?: { bytes: number; sha256: string };
}

/** Copies (or encrypts, or decrypts) one file. */
export type WriteFile = (from: string, to: string) => Promise<void>;

export async function sizeAndHash(file: string): Promise<{ bytes: number; sha256: string }> {
  return { bytes: (await stat(file)).size, sha256: await sha256Of(file) };
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

/**
 * Copies every file of `from` into `to` through `write` (a plain copy unless given), keeping the
 * layout; returns each file's size and checksum as written, and as it was when `write` changes it.
 */
export async function copyTree(from: string, to: string, write?: WriteFile): Promise<FileEntry[]> {
  const entries: FileEntry[] = [];
  for (const file of await filesUnder(from)) {
    const path = relative(from, file).split(sep).join('/');
    const dest = join(to, path);
    await mkdir(dirname(dest), { recursive: true });
    await (write ?? copyFile)(file, dest);
    entries.push({
      path,
      ...(await sizeAndHash(dest)),
      ...(write ? { plain: await sizeAndHash(file) } : {}),
    });
  }
  return entries;
}

/**
 * The first file of the list that is missing or differs under `root`, or null when all match:
 * as stored in the backup, or (`plain`) as restored from an encrypted one.
 */
export async function firstMismatch(
  root: string,
  entries: FileEntry[],
  as: 'stored' | 'plain' = 'stored',
): Promise<string | null> {
  for (const e of entries) {
    const file = join(root, e.path);
    const expected = as === 'plain' ? (e.plain?.sha256 ?? e.sha256) : e.sha256;
    if (!existsSync(file) || (await sha256Of(file)) !== expected) return e.path;
  }
  return null;
}
