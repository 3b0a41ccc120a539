import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_LOGINS } from '../../src/setup/seed/demo.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const users = JSON.parse(
  readFileSync(new URL('../../src/setup/seed/demo-county/users.json', import.meta.url), 'utf8'),
) as { username: string }[];

/** The account names in the README's first table (| 账号 | 角色 |), in order. */
function readmeAccounts(): string[] {
  const start = readme.indexOf('| 账号 | 角色 |');
  const table = readme.slice(start, readme.indexOf('\n\n', start));
  return table
    .split('\n')
    .slice(2)
    .flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string));
}

describe('the demo accounts printed at start', () => {
  it('are the README table’s accounts, in its order', () => {
    expect(DEMO_LOGINS.map(([username]) => username)).toEqual(readmeAccounts());
  });

  it('each exists in the demo county', () => {
    const known = new Set(users.map((u) => u.username));
    for (const [username] of DEMO_LOGINS) expect(known.has(username), username).toBe(true);
  });
});
