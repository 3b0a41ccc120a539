import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface MailRelay {
  port: number;
  /** Each message as received, headers and body. */
  mails: string[];
  /** Connections opened to it, whether or not a message followed. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A real SMTP relay on this machine for the mail channel's tests: plain SMTP without STARTTLS, or
 * SMTPS (`secure`) with smtp-server's own test certificate (its logger off: it warns that the key
 * of that certificate is public).
 */
export async function startMailRelay(options: { secure?: boolean } = {}): Promise<MailRelay> {
  const mails: string[] = [];
  let connections = 0;
  const relay = new SMTPServer({
    authOptional: true,
    ...(options.secure ? { secure: true, logger: false } : { disabledCommands: ['STARTTLS'] }),
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onData(stream, _session, callback) {
      let data = '';
      stream.on('data', (c) => {
        data += c;
      });
      stream.on('end', () => {
        mails.push(data);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    port: (relay.server.address() as AddressInfo).port,
    mails,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => relay.close(() => resolve())),
  };
}

/** Notification channels all switched off: a test switches on the one it looks at. */
export const NO_CHANNELS = {
  sms: null,
  wecom: null,
  dingtalk: null,
  email: null,
  autoUrge: { onDueSoon: true, onOverdue: true },
};
