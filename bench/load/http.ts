import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Pool } from 'undici';

/** What a browser sends (Chromium's Accept-Encoding); the server answers brotli when it can. */
export const BROWSER_ENCODING = 'gzip, deflate, br';

/** A keep-alive HTTP client to the server under test, on loopback. */
export class Http {
  readonly pool: Pool;
  constructor(port: number, connections: number) {
    this.pool = new Pool(`http://127.0.0.1:${port}`, { connections, pipelining: 1 });
  }

  async request(
    method: 'GET' | 'POST',
    path: string,
    options: { cookie?: string; body?: unknown; acceptEncoding?: string } = {},
  ): Promise<{ status: number; text: string; setCookie: string[] }> {
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    if (options.acceptEncoding) headers['accept-encoding'] = options.acceptEncoding;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.pool.request({
      method,
      path,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    // Decoded as a browser decodes it, so a compressed answer is checked whole, not just counted.
    const raw = Buffer.from(await res.body.arrayBuffer());
    const encoding = res.headers['content-encoding'];
    const text = (
      encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw
    ).toString('utf8');
    const cookies = res.headers['set-cookie'];
    return {
      status: res.statusCode,
      text,
      setCookie: cookies === undefined ? [] : Array.isArray(cookies) ? cookies : [cookies],
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
