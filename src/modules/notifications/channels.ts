import { createTransport } from 'nodemailer';
import { z } from 'zod';

/**
 * Outbound channels behind one interface. Each is configured by the administrator; the log
 * channel is always on. Group robots (WeCom, DingTalk) post one message per notice to the
 * unit's group rather than one per person.
 */
export interface OutboundMessage {
  title: string;
  body: string;
  /** The person's mobile (SMS), e-mail address (mail), or '' for group robots. */
  target: string;
}

export interface Channel {
  readonly name: ChannelName;
  /** Whether the channel sends one message per person (true) or one per notice (false). */
  readonly perPerson: boolean;
  targetOf(person: { phone: string; email: string | null }): string | null;
  send(message: OutboundMessage): Promise<void>;
}

export const CHANNEL_NAMES = ['log', 'sms', 'wecom', 'dingtalk', 'email'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const channelSettingsSchema = z.object({
  sms: z
    .object({ enabled: z.boolean(), url: z.url('请填写短信网关地址') })
    .nullable()
    .default(null),
  wecom: z
    .object({ enabled: z.boolean(), url: z.url('请填写企业微信群机器人地址') })
    .nullable()
    .default(null),
  dingtalk: z
    .object({ enabled: z.boolean(), url: z.url('请填写钉钉群机器人地址') })
    .nullable()
    .default(null),
  email: z
    .object({ enabled: z.boolean(), smtpUrl: z.string().min(1, '请填写 SMTP 地址'), from: z.string().min(3) })
    .nullable()
    .default(null),
  autoUrge: z
    .object({ onDueSoon: z.boolean(), onOverdue: z.boolean() })
    .default({ onDueSoon: true, onOverdue: true }),
});
export type ChannelSettings = z.infer<typeof channelSettingsSchema>;

const MOBILE = /^1[3-9]\d{9}$/;
const TIMEOUT_MS = 10_000;

async function postJson(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  // Both robots answer 200 with an error code in the body when they refuse.
  try {
    const parsed = JSON.parse(text) as { errcode?: number; errmsg?: string };
    if (parsed.errcode !== undefined && parsed.errcode !== 0)
      throw new Error(`errcode ${parsed.errcode}: ${parsed.errmsg}`);
  } catch (e) {
    if (e instanceof SyntaxError) return;
    throw e;
  }
}

export const logChannel = (log: (msg: string) => void): Channel => ({
  name: 'log',
  perPerson: true,
  targetOf: () => '',
  send: async (m) => log(`[通知] ${m.target ? `${m.target} ` : ''}${m.title}:${m.body}`),
});

export function buildChannels(settings: ChannelSettings, log: (msg: string) => void): Channel[] {
  const channels: Channel[] = [logChannel(log)];
  const { sms, wecom, dingtalk, email } = settings;
  if (sms?.enabled) {
    channels.push({
      name: 'sms',
      perPerson: true,
      targetOf: (p) => (MOBILE.test(p.phone) ? p.phone : null),
      send: (m) => postJson(sms.url, { phone: m.target, content: `【12345热线】${m.title}:${m.body}` }),
    });
  }
  for (const [name, config] of [
    ['wecom', wecom],
    ['dingtalk', dingtalk],
  ] as const) {
    if (config?.enabled) {
      channels.push({
        name,
        perPerson: false,
        targetOf: () => '',
        send: (m) => postJson(config.url, { msgtype: 'text', text: { content: `${m.title}\n${m.body}` } }),
      });
    }
  }
  if (email?.enabled) {
    const transport = createTransport(email.smtpUrl);
    channels.push({
      name: 'email',
      perPerson: true,
      targetOf: (p) => p.email,
      send: async (m) => {
        await transport.sendMail({ from: email.from, to: m.target, subject: m.title, text: m.body });
      },
    });
  }
  return channels;
}
