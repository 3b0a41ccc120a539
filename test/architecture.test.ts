import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The floors of src/: domain (pure rules) at the bottom, then db (types, connections, migrations,
 * repositories), then modules and jobs, then server and setup. An import may only point down or
 * sideways; this test reads every import and fails on one that points up.
 */
const SRC = resolve(__dirname, '../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'/g)].map(
    (m) => m[1] as string,
  );
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(SRC, resolve(join(file, '..'), s)).split('/')[0] as string);
}

function upwardImports(floor: string, allowed: string[]): string[] {
  return filesUnder(join(SRC, floor)).flatMap((file) =>
    importsOf(file)
      .filter((top) => !allowed.includes(top.replace(/\.js$/, '')))
      .map((top) => `${relative(SRC, file)} → ${top}`),
  );
}

describe('the import graph of src/', () => {
  it('keeps domain pure: it imports only itself', () => {
    expect(upwardImports('domain', ['domain'])).toEqual([]);
  });

  it('keeps db below the modules and the server', () => {
    expect(upwardImports('db', ['db', 'domain', 'config'])).toEqual([]);
  });

  it('finds an upward import when there is one', () => {
    // The check itself must be able to fail: setup sits on top and imports the server.
    expect(upwardImports('setup', ['setup', 'db', 'domain', 'config']).length).toBeGreaterThan(0);
  });
});
