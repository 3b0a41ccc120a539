import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { DEMO_PASSWORD } from '../../src/setup/seed/demo-county.js';
import type { TestDatabasePlace } from '../support/test-app.js';

/** A real Huiyin server process (`src/server/main.ts`), as production runs it, on a test database. */
export interface ServerProcess {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** DATABASE_URL naming the test's schema (PostgreSQL) the way an operator could: `?options=-c search_path=…`. */
export function databaseUrlOf(place: TestDatabasePlace): string {
  if (!place.schema) return place.databaseUrl;
  const sep = place.databaseUrl.includes('?') ? '&' : '?';
  return `${place.databaseUrl}${sep}options=${encodeURIComponent(`-c search_path=${place.schema}`)}`;
}

/**
 * Starts the server's source (`src/server/main.ts` through tsx, as the rest of this suite runs it;
 * `npm start` and the browser tests run its JavaScript build) and waits until it answers /api/health.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c) => {
    out += c;
  });
  child.stderr?.on('data', (c) => {
    out += c;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); ; ) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    if (Date.now() - started > 90_000) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** A browser-like client of one server: its own cookie, JSON in and out. */
export class HttpClient {
  cookie = '';
  constructor(readonly base: string) {}

  static async login(base: string, username: string): Promise<HttpClient> {
    const c = new HttpClient(base);
    const res = await c.call('POST', '/api/auth/login', { username, password: DEMO_PASSWORD });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return c;
  }

  /** The same session used against another server. */
  on(base: string): HttpClient {
    const c = new HttpClient(base);
    c.cookie = this.cookie;
    return c;
  }

  // biome-ignore lint/suspicious/noExplicitAny: test bodies are read by field.
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const set = res.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (set.length > 0) this.cookie = set.join('; ');
    const text = await res.text();
    return {
      status: res.status,
      body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    };
  }

  async json(method: string, path: string, body?: unknown, status = 200) {
    const res = await this.call(method, path, body);
    if (res.status !== status)
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Opens the live notification stream; `text()` is everything received so far. */
  async stream(): Promise<{
    text(): string;
    waitFor(re: RegExp, ms?: number): Promise<string>;
    close(): void;
  }> {
    const ctrl = new AbortController();
    const res = await fetch(`${this.base}/api/notifications/stream`, {
      headers: { cookie: this.cookie },
      signal: ctrl.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`stream: ${res.status}`);
    let text = '';
    let done = false;
    const reader = res.body.getReader();
    void (async () => {
      try {
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) break;
          text += new TextDecoder().decode(chunk.value);
        }
      } catch {}
      done = true;
    })();
    return {
      text: () => text,
      async waitFor(re, ms = 10_000) {
        for (const started = Date.now(); !re.test(text); ) {
          if (Date.now() - started > ms) throw new Error(`stream never said ${re}: ${text}`);
          if (done) throw new Error(`stream ended before ${re}: ${text}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        return text;
      },
      close: () => ctrl.abort(),
    };
  }
}

/** Polls `check` until it returns a value, or fails after `ms`. */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  ms = 15_000,
): Promise<T> {
  for (const started = Date.now(); ; ) {
    const v = await check();
    if (v) return v;
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** How many rounds of a background job a server process has ended, as its health check tells. */
export async function roundsOf(server: ServerProcess, job: string): Promise<number> {
  const health = (await (await fetch(`${server.url}/api/health`)).json()) as {
    jobs: Record<string, { rounds: number; failures: number }>;
  };
  return health.jobs[job]?.rounds ?? 0;
}

/** Waits until every one of `servers` has ended `n` more rounds of `job` than when asked. */
export async function moreRounds(servers: ServerProcess[], job: string, n: number): Promise<void> {
  const from = await Promise.all(servers.map((s) => roundsOf(s, job)));
  await eventually(async () => {
    const now = await Promise.all(servers.map((s) => roundsOf(s, job)));
    return now.every((r, i) => r >= (from[i] as number) + n);
  }, 30_000);
}
