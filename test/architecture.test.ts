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

/**
 * Everything outside src/db: its SQL has moved into src/db/repositories. Routes translate HTTP,
 * services hold the use cases, and neither builds a query.
 */
const CLEANED = ['domain', 'modules', 'jobs', 'server', 'setup', 'config.ts'];

const SQL_BUILDER =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql(\.\w+)?[`(]/;

function sqlBuilders(paths: string[]): string[] {
  return paths
    .flatMap((p) => (statSync(join(SRC, p)).isDirectory() ? filesUnder(join(SRC, p)) : [join(SRC, p)]))
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (SQL_BUILDER.test(line) ? [`${relative(SRC, file)}:${i + 1}`] : [])),
    );
}

describe('where SQL is built', () => {
  it('leaves it to the repositories in the files already moved', () => {
    expect(sqlBuilders(CLEANED)).toEqual([]);
  });

  it('finds a query builder when there is one', () => {
    const lines = [
      "db.selectFrom('urges')",
      '.updateTable(t)',
      'sql`now()`',
      'sql.raw`x`',
      'sql.ref(`x`)',
      'toSql(x)',
    ];
    expect(lines.map((l) => SQL_BUILDER.test(l))).toEqual([true, true, true, true, true, false]);
  });
});
