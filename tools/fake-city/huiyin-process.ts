import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { DEMO_PASSWORD } from '../../src/setup/seed/demo-county.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROOT = resolve(import.meta.dirname, '../..');

/** A Huiyin server process that can be killed (SIGKILL) and started again on the same database. */
export class HuiyinProcess {
  private child: ChildProcess | null = null;
  kills = 0;
  constructor(
    private readonly env: Record<string, string>,
    readonly url: string,
  ) {}

  async start() {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // Never outlive the scenario: a test runner ending this process (a time limit) ends the server too.
    const child = this.child;
    const killChild = () => child.kill('SIGKILL');
    process.once('exit', killChild);
    child.once('exit', () => process.off('exit', killChild));
    // Up to two minutes: on a loaded machine tsx compiling the server takes a while.
    for (let i = 0; i < 1200; i++) {
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not up yet
      }
      await sleep(100);
    }
    throw new Error('Huiyin did not start');
  }

  async kill() {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.kills++;
    this.child = null;
  }

  async stop() {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    this.child = null;
  }
}

export interface Session {
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: Record<string, unknown> }>;
}

/** Requests carrying fixed headers (a session cookie, or a machine client's key). */
function session(url: string, auth: Record<string, string>): Session {
  return {
    async call(method, path, body, headers = {}) {
      const r = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...auth,
          ...headers,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(20_000),
      });
      const text = await r.text();
      return { status: r.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
  };
}

/** A machine client (the city platform): every request carries its key, no sign-in. */
export const keySession = (url: string, key: string): Session =>
  session(url, { authorization: `Bearer ${key}` });

/** A person signed in with the demo password, waiting while Huiyin is down. */
export async function login(url: string, username: string): Promise<Session> {
  for (;;) {
    try {
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      return session(url, { cookie });
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('login')) throw e;
      await sleep(200);
    }
  }
}
