import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP endpoint that records what it receives and fails the first `failures` requests. */
export interface FakeEndpoint {
  url: string;
  received: unknown[];
  close(): Promise<void>;
}

export async function fakeEndpoint(failures = 0, failWith = 500): Promise<FakeEndpoint> {
  const received: unknown[] = [];
  let calls = 0;
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => resolve(body));
    });
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    calls++;
    if (calls <= failures) {
      res.writeHead(failWith).end('upstream down');
      return;
    }
    received.push(JSON.parse(body));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
