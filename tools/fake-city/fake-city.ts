import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake city 12345 platform to run Huiyin's city link against (tests and demos). It sends
 * orders down to Huiyin (or lists them for Huiyin to pull), receives the results, drops
 * duplicates by idempotency key and counts them, notices results that arrive out of order, and
 * can be told to misbehave: fail, hang, answer slowly, deliver an order twice or out of order.
 */
export interface Faults {
  /** Every n-th results request fails with 503 (0: never). */
  failEvery: number;
  /** Whether a failing request is processed before the 503 (the answer lost on the way back). */
  failAfterProcessing: boolean;
  /** Every n-th results request never answers (0: never): Huiyin must time out and retry. */
  hangEvery: number;
  /** Every results answer is delayed this long. */
  slowMs: number;
  /** Everything answers 503 (the city is down). */
  down: boolean;
  /** Every n-th order sent down is sent twice (0: never). */
  duplicateEvery: number;
  /** Orders are sent down in shuffled order. */
  shuffle: boolean;
  /** A kept result is answered 200 with the plain text `OK`, as many gateways answer, not JSON. */
  plainOk: boolean;
}

export const NO_FAULTS: Faults = {
  failEvery: 0,
  failAfterProcessing: false,
  hangEvery: 0,
  slowMs: 0,
  down: false,
  duplicateEvery: 0,
  shuffle: false,
  plainOk: false,
};

export interface ReceivedResult {
  idempotencyKey: string;
  cityOrderNo: string;
  sequence: number;
  event: string;
  status: string;
  body: Record<string, unknown>;
}

export interface CityOrder {
  cityOrderNo: string;
  [field: string]: unknown;
}

export interface FakeCityOptions {
  port?: number;
  host?: string;
  /** The key Huiyin must present (Authorization: Bearer …). */
  key: string;
  /** Huiyin's names of the result fields → the names this city expects (the admin's field mapping). */
  fieldNames?: Partial<Record<'cityOrderNo' | 'sequence' | 'event' | 'status', string>>;
}

/** How the city pushes an order to Huiyin: resolves when Huiyin accepted it, rejects otherwise. */
export type OrderSender = (order: CityOrder) => Promise<void>;

export interface FakeCity {
  url: string;
  faults: Faults;
  /** Results kept, once each, by idempotency key. */
  results: Map<string, ReceivedResult>;
  /** Idempotency keys received again after being kept. */
  duplicates: string[];
  /** Results whose sequence was not the next one expected for the order. */
  outOfOrder: string[];
  /** Results requests seen, answered or not. */
  requests: number;
  /** Orders the city has, sent or listed. */
  orders: Map<string, CityOrder>;
  /** The status the city holds for an order: the last result's, or accepted. */
  statusOf(cityOrderNo: string): string;
  /** Adds orders to the list Huiyin pulls. */
  list(orders: CityOrder[]): void;
  /**
   * Pushes orders to Huiyin through `sender`, `concurrency` at a time, retrying each until
   * Huiyin accepts it (the city's own at-least-once), applying the duplicate and shuffle faults.
   */
  push(
    orders: CityOrder[],
    sender: OrderSender,
    concurrency?: number,
  ): Promise<{ sent: number; attempts: number }>;
  close(): Promise<void>;
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pick(body: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], body);
}

export async function startFakeCity(options: FakeCityOptions): Promise<FakeCity> {
  const names = {
    cityOrderNo: 'cityOrderNo',
    sequence: 'sequence',
    event: 'event',
    status: 'status',
    ...options.fieldNames,
  };
  const results = new Map<string, ReceivedResult>();
  const duplicates: string[] = [];
  const outOfOrder: string[] = [];
  const lastSeq = new Map<string, number>();
  const lastStatus = new Map<string, string>();
  const orders = new Map<string, CityOrder>();
  const listed: CityOrder[] = [];
  const hanging = new Set<ServerResponse>();
  const city = { faults: { ...NO_FAULTS }, requests: 0 };

  function receive(key: string, body: Record<string, unknown>): 'kept' | 'duplicate' {
    if (results.has(key)) {
      duplicates.push(key);
      return 'duplicate';
    }
    const r: ReceivedResult = {
      idempotencyKey: key,
      cityOrderNo: String(pick(body, names.cityOrderNo)),
      sequence: Number(pick(body, names.sequence)),
      event: String(pick(body, names.event)),
      status: String(pick(body, names.status)),
      body,
    };
    results.set(key, r);
    const expected = (lastSeq.get(r.cityOrderNo) ?? 0) + 1;
    if (r.sequence !== expected) outOfOrder.push(key);
    if (r.sequence >= expected) {
      lastSeq.set(r.cityOrderNo, r.sequence);
      lastStatus.set(r.cityOrderNo, r.status);
    }
    return 'kept';
  }

  async function onResult(req: IncomingMessage, res: ServerResponse) {
    const n = ++city.requests;
    const f = city.faults;
    const body = await read(req);
    if (f.hangEvery > 0 && n % f.hangEvery === 0) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (f.slowMs > 0) await sleep(f.slowMs);
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key === '') return json(res, 400, { error: '缺少 Idempotency-Key' });
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return json(res, 400, { error: '不是 JSON' });
    }
    const failing = f.failEvery > 0 && n % f.failEvery === 0;
    if (failing && !f.failAfterProcessing) return json(res, 503, { error: '市平台繁忙' });
    const outcome = receive(key, parsed);
    if (failing) return json(res, 503, { error: '市平台繁忙(已处理,答复丢失)' });
    if (f.plainOk) return res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
    json(res, 200, { ok: true, duplicate: outcome === 'duplicate' });
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://city');
    const run = async () => {
      if (city.faults.down) return json(res, 503, { error: '市平台停机' });
      if (req.headers.authorization !== `Bearer ${options.key}`) return json(res, 401, { error: '密钥不对' });
      if (req.method === 'POST' && url.pathname === '/results') return onResult(req, res);
      if (req.method === 'GET' && url.pathname === '/orders') {
        const after = Number(url.searchParams.get('after') ?? 0);
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), 500);
        const page = listed.slice(after, after + limit);
        return json(res, 200, { orders: page, cursor: String(after + page.length) });
      }
      if (req.method === 'GET' && url.pathname === '/statuses') {
        return json(res, 200, {
          orders: [...orders.keys()].map((no) => ({ cityOrderNo: no, status: statusOf(no) })),
        });
      }
      if (req.method === 'GET' && url.pathname === '/stats') {
        return json(res, 200, {
          orders: orders.size,
          results: results.size,
          duplicates: duplicates.length,
          outOfOrder: outOfOrder.length,
          requests: city.requests,
          faults: city.faults,
        });
      }
      if (req.method === 'POST' && url.pathname === '/faults') {
        Object.assign(city.faults, JSON.parse(await read(req)) as Partial<Faults>);
        return json(res, 200, city.faults);
      }
      json(res, 404, { error: 'not found' });
    };
    run().catch((e) => json(res, 500, { error: String(e) }));
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;

  const statusOf = (no: string) => lastStatus.get(no) ?? 'accepted';

  return {
    url: `http://127.0.0.1:${port}`,
    get faults() {
      return city.faults;
    },
    set faults(f: Faults) {
      city.faults = f;
    },
    results,
    duplicates,
    outOfOrder,
    get requests() {
      return city.requests;
    },
    orders,
    statusOf,
    list(more) {
      for (const o of more) orders.set(o.cityOrderNo, o);
      listed.push(...more);
    },
    async push(toSend, sender, concurrency = 4) {
      const f = city.faults;
      const queue: CityOrder[] = [];
      toSend.forEach((o, i) => {
        orders.set(o.cityOrderNo, o);
        queue.push(o);
        if (f.duplicateEvery > 0 && (i + 1) % f.duplicateEvery === 0) queue.push(o);
      });
      if (f.shuffle) {
        for (let i = queue.length - 1; i > 0; i--) {
          const j = Math.floor(Math.random() * (i + 1));
          [queue[i], queue[j]] = [queue[j] as CityOrder, queue[i] as CityOrder];
        }
      }
      let attempts = 0;
      let sent = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let o = queue.shift(); o; o = queue.shift()) {
            for (;;) {
              attempts++;
              try {
                await sender(o);
                sent++;
                break;
              } catch {
                await sleep(200);
              }
            }
          }
        }),
      );
      return { sent, attempts };
    },
    async close() {
      for (const res of hanging) res.destroy();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
