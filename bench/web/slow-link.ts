import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A slow mobile link as a TCP proxy between the browser and the server, for what DevTools'
 * throttling cannot show: DevTools throttles each page, so a service worker's requests (and the
 * files it serves from its cache) skip the slow link. Here every byte of every connection of the
 * browser — page and worker — goes through one shared link per direction, like `tc netem` on a
 * phone's radio: a fixed bandwidth (bytes queue behind each other, across connections) and half
 * the round trip of delay each way, plus one round trip to open a connection (the TCP handshake).
 * It counts the bytes that cross it, headers included.
 */
export interface LinkProfile {
  /** Round trip, ms. */
  rttMs: number;
  /** Bytes per second, server → browser. */
  downBytesPerSecond: number;
  /** Bytes per second, browser → server. */
  upBytesPerSecond: number;
}

/** The radio sends packets of about this size; smaller slices make the timing smoother. */
const PACKET = 1460;

/** One direction of the link: a queue every connection shares, then a fixed delay. */
class Direction {
  private freeAt = 0;
  bytes = 0;
  constructor(
    private readonly bytesPerSecond: number,
    private readonly delayMs: number,
  ) {}

  /** When a packet of `size` bytes sent now arrives at the other end. */
  arrival(size: number): number {
    const start = Math.max(performance.now(), this.freeAt);
    this.freeAt = start + (size / this.bytesPerSecond) * 1000;
    this.bytes += size;
    return this.freeAt + this.delayMs;
  }
}

/** Writes to `to` what `from` sends, each packet when the link delivers it, in order. */
function pipeThrough(from: Socket, to: Socket, link: Direction): void {
  const due: { at: number; data: Buffer | null }[] = [];
  let timer: NodeJS.Timeout | null = null;
  const pump = () => {
    timer = null;
    while (due.length > 0 && (due[0]?.at ?? 0) <= performance.now()) {
      const item = due.shift();
      if (item?.data === null) to.end();
      else if (item && !to.destroyed) to.write(item.data);
    }
    const next = due[0];
    if (next) timer = setTimeout(pump, Math.max(0, next.at - performance.now()));
  };
  const enqueue = (at: number, data: Buffer | null) => {
    due.push({ at, data });
    if (!timer) timer = setTimeout(pump, Math.max(0, (due[0]?.at ?? 0) - performance.now()));
  };
  from.on('data', (chunk: Buffer) => {
    for (let i = 0; i < chunk.length; i += PACKET) {
      const packet = chunk.subarray(i, i + PACKET);
      enqueue(link.arrival(packet.length), packet);
    }
  });
  from.on('end', () => enqueue(due.at(-1)?.at ?? performance.now(), null));
}

export interface SlowLink {
  port: number;
  /** Bytes that crossed the link so far, both directions. */
  bytes(): number;
  /** Connections opened so far. */
  connections(): number;
  close(): Promise<void>;
}

/** Listens on a free local port and forwards every connection to `targetPort` over the link. */
export async function startSlowLink(targetPort: number, profile: LinkProfile): Promise<SlowLink> {
  const down = new Direction(profile.downBytesPerSecond, profile.rttMs / 2);
  const up = new Direction(profile.upBytesPerSecond, profile.rttMs / 2);
  const sockets = new Set<Socket>();
  let opened = 0;
  const server: Server = createServer({ pauseOnConnect: true }, (browser) => {
    opened += 1;
    const app = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const s of [browser, app]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        browser.destroy();
        app.destroy();
      });
    }
    // The handshake: nothing flows until a round trip after the browser asked to connect.
    setTimeout(() => {
      pipeThrough(browser, app, up);
      pipeThrough(app, browser, down);
      browser.resume();
    }, profile.rttMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port for the slow link');
  return {
    port: address.port,
    bytes: () => down.bytes + up.bytes,
    connections: () => opened,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
