import { Pool } from 'undici';

/** A keep-alive HTTP client to the server under test, on loopback. */
export class Http {
  readonly pool: Pool;
  constructor(port: number, connections: number) {
    this.pool = new Pool(`http://127.0.0.1:${port}`, { connections, pipelining: 1 });
  }

  async request(
    method: 'GET' | 'POST',
    path: string,
    options: { cookie?: string; body?: unknown } = {},
  ): Promise<{ status: number; text: string; setCookie: string[] }> {
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.pool.request({
      method,
      path,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.body.text();
    const raw = res.headers['set-cookie'];
    return {
      status: res.statusCode,
      text,
      setCookie: raw === undefined ? [] : Array.isArray(raw) ? raw : [raw],
    };
  }

  /** Logs in and returns the session cookie. */
  async login(username: string, password: string): Promise<string> {
    const res = await this.request('POST', '/api/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
    return res.setCookie.map((c) => c.split(';')[0]).join('; ');
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${body.slice(0, 300)}`);
  }
}
