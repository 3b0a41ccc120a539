import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_NAMES, loadConfig } from '../src/config.js';

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(8080);
    expect(c.DATABASE_URL).toBe('sqlite:./data/huiyin.db');
    expect(c.SEED_DEMO).toBe(true);
    expect(c.COOKIE_SECURE).toBe(false);
    expect(c.SQLITE_SYNCHRONOUS).toBe('FULL');
    expect(c.DATABASE_READ_URL).toBeUndefined();
  });

  it('reads a replica for statistics and exports, the primary when empty', () => {
    const url = 'postgres://huiyin:x@standby:5432/huiyin';
    expect(loadConfig({ DATABASE_READ_URL: url }).DATABASE_READ_URL).toBe(url);
    expect(loadConfig({ DATABASE_READ_URL: '' }).DATABASE_READ_URL).toBeUndefined();
  });

  it('reads flags and numbers', () => {
    const c = loadConfig({
      PORT: '9090',
      SEED_DEMO: '0',
      COOKIE_SECURE: '1',
      PG_POOL_MAX: '4',
      DATABASE_URL: '',
    });
    expect(c).toMatchObject({ PORT: 9090, SEED_DEMO: false, COOKIE_SECURE: true, PG_POOL_MAX: 4 });
    expect(c.DATABASE_URL).toBe('sqlite:./data/huiyin.db');
  });

  it('refuses a malformed value at start, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ COOKIE_SECURE: 'yes' })).toThrow(/COOKIE_SECURE/);
  });

  it('reads the networks outbound calls may reach anyway, in full-width too; refuses one that is none', () => {
    expect(loadConfig({}).OUTBOUND_ALLOWED_NETWORKS).toEqual([]);
    expect(
      loadConfig({ OUTBOUND_ALLOWED_NETWORKS: ' 127.0.0.1, ::1 ,,10.0.0.0/8' }).OUTBOUND_ALLOWED_NETWORKS,
    ).toEqual(['127.0.0.1', '::1', '10.0.0.0/8']);
    expect(
      loadConfig({ OUTBOUND_ALLOWED_NETWORKS: '１２７．０．０．０／８，::1' }).OUTBOUND_ALLOWED_NETWORKS,
    ).toEqual(['127.0.0.0/8', '::1']);
    expect(() => loadConfig({ OUTBOUND_ALLOWED_NETWORKS: '127.0.0.1,localhost' })).toThrow(
      /OUTBOUND_ALLOWED_NETWORKS.*「localhost」不是 IP 地址或网段/,
    );
    expect(() => loadConfig({ OUTBOUND_ALLOWED_NETWORKS: '10.0.0.0/33' })).toThrow(ConfigError);
  });

  it('is documented in the README, variable for variable', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...ENV_NAMES].sort());
  });
});
