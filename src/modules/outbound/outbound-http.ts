import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction, connect as netConnect, type Socket } from 'node:net';
import { Agent, buildConnector, fetch } from 'undici';
import { outboundRefusal, outboundRefusalMessage } from '../../domain/outbound-address.js';

/**
 * A call refused for where it would go (domain/outbound-address.ts). It would be refused again
 * on every retry, so the delivery or the city result fails for good, with this message as its reason.
 */
export class OutboundAddressRefused extends Error {
  override name = 'OutboundAddressRefused';
}

export interface OutboundRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface OutboundResponse {
  ok: boolean;
  status: number;
  text(): Promise<string>;
}

/** How the server calls out: webhooks, the SMS gateway, the city platform; the mail relay by `connect`. */
export interface OutboundHttp {
  fetch(url: string, init?: OutboundRequest): Promise<OutboundResponse>;
  /** A plain TCP connection (the mail relay's; TLS goes over it), under the same check as `fetch`. */
  connect(host: string, port: number, timeoutMs: number): Promise<Socket>;
  close(): Promise<void>;
}

/**
 * HTTP calls that only connect to addresses Huiyin may call. The check sits where the connection
 * is made, on every connection (a redirect's too): a literal IP host is checked as it is, a name
 * is resolved and every address it resolves to is checked before one is connected to. A name is
 * not checked once when saved and trusted after: its records may point at 127.0.0.1 tomorrow
 * (DNS rebinding). `permitted` is OUTBOUND_ALLOWED_NETWORKS.
 */
export function outboundHttp(permitted: readonly string[]): OutboundHttp {
  const refusedError = (address: string, host?: string) => {
    const refusal = outboundRefusal(address, permitted);
    return refusal ? new OutboundAddressRefused(outboundRefusalMessage(refusal, host ? { host } : {})) : null;
  };
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '');
      for (const { address } of addresses) {
        const refused = refusedError(address, hostname);
        if (refused) return callback(refused, '');
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first)
        return callback(Object.assign(new Error(`无法解析「${hostname}」`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    });
  };
  // An IP address is connected to without a lookup: checked before connecting.
  const refusedLiteral = (host: string) => (isIP(host) === 0 ? null : refusedError(host));
  const connect = buildConnector({ lookup });
  const agent = new Agent({
    connect: (options, callback) => {
      const refused = refusedLiteral(options.hostname);
      if (refused) callback(refused, null);
      else connect(options, callback);
    },
  });
  return {
    async fetch(url, init = {}) {
      try {
        return await fetch(url, { ...init, dispatcher: agent });
      } catch (e) {
        // fetch says «fetch failed»; the reason is its cause.
        const cause = e instanceof Error ? e.cause : undefined;
        throw cause instanceof OutboundAddressRefused ? cause : e;
      }
    },
    connect(written, port, timeoutMs) {
      // An IPv6 address as a URL writes it: «[::1]».
      const host = written.replace(/^\[(.*)\]$/, '$1');
      const refused = refusedLiteral(host);
      if (refused) return Promise.reject(refused);
      return new Promise((resolve, reject) => {
        const socket = netConnect({ host, port, lookup, timeout: timeoutMs });
        const fail = (error: Error) => {
          socket.destroy();
          reject(error);
        };
        socket.once('error', fail);
        socket.once('timeout', () => fail(new Error(`连接「${host}:${port}」超时`)));
        socket.once('connect', () => {
          socket.off('error', fail);
          socket.setTimeout(0);
          resolve(socket);
        });
      });
    },
    close: () => agent.close(),
  };
}

/**
 * For code that builds the channels only to know who gets a notice (the notifier writes the
 * outbox; the delivery worker sends): any call through it fails.
 */
const notSending = () => Promise.reject(new Error('此处只写入待发记录，由投递任务发送'));
export const NOT_SENDING: OutboundHttp = { fetch: notSending, connect: notSending, close: async () => {} };
