import { createTransport } from 'nodemailer';
import { z } from 'zod';
import { refuse } from '../../domain/refusal.js';
import { maskUrlSecrets, restoreUrlSecrets } from '../../domain/url-secrets.js';
import type { OutboundHttp } from '../outbound/outbound-http.js';

/**
 * Outbound channels behind one interface. Each is configured by the administrator; the log
 * channel is always on. Group robots (WeCom, DingTalk) post one message per notice to the
 * unit's group rather than one per person.
 */
export interface OutboundMessage {
  title: string;
  body: string;
  /** The person's mobile (SMS), e-mail address (mail), name (the service log), or '' for group robots. */
  target: string;
}

export interface Channel {
  readonly name: ChannelName;
  /** Whether the channel sends one message per person (true) or one per notice (false). */
  readonly perPerson: boolean;
  targetOf(person: { name: string; phone: string; email: string | null }): string | null;
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
    .object({
      enabled: z.boolean(),
      smtpUrl: z
        .url({ protocol: /^smtps?$/, error: 'SMTP 地址应形如 smtps://用户名：密码@smtp.example.gov.cn:465' })
        .max(500),
      from: z.email('发件人应为邮箱地址，如 12345@example.gov.cn').max(200),
    })
    .nullable()
    .default(null),
  autoUrge: z
    .object({ onDueSoon: z.boolean(), onOverdue: z.boolean() })
    .default({ onDueSoon: true, onOverdue: true }),
});
export type ChannelSettings = z.infer<typeof channelSettingsSchema>;

/** The web addresses the settings call, each with the name the administrator knows it by. */
export function channelUrls(settings: ChannelSettings): { label: string; url: string | null }[] {
  return [
    { label: '短信网关', url: settings.sms?.url ?? null },
    { label: '企业微信群机器人', url: settings.wecom?.url ?? null },
    { label: '钉钉群机器人', url: settings.dingtalk?.url ?? null },
    { label: '邮件服务器（SMTP）', url: settings.email?.smtpUrl ?? null },
  ];
}

/** The settings as shown and audited: passwords and robot tokens inside the addresses as `***`. */
export function maskedChannels(settings: ChannelSettings): ChannelSettings {
  const url = <T extends { url: string } | null>(c: T): T => (c ? { ...c, url: maskUrlSecrets(c.url) } : c);
  return {
    ...settings,
    sms: url(settings.sms),
    wecom: url(settings.wecom),
    dingtalk: url(settings.dingtalk),
    email: settings.email ? { ...settings.email, smtpUrl: maskUrlSecrets(settings.email.smtpUrl) } : null,
  };
}

/**
 * The settings as saved: an address sent back with `***` keeps the secret already kept for it.
 * Refuses (400 SECRET_REQUIRED) a masked secret for another server or account.
 */
export function channelsWithKeptSecrets(sent: ChannelSettings, kept: ChannelSettings): ChannelSettings {
  const restore = (address: string, old: string | undefined, label: string) => {
    const restored = restoreUrlSecrets(address, old);
    if (restored === null)
      refuse(
        'invalid',
        'SECRET_REQUIRED',
        `${label}的地址改了服务器或账号，请重新填写其中的密码或密钥（不能沿用原来的）。`,
      );
    return restored;
  };
  const url = <T extends { url: string } | null>(c: T, old: { url: string } | null, label: string): T =>
    c ? { ...c, url: restore(c.url, old?.url, label) } : c;
  return {
    ...sent,
    sms: url(sent.sms, kept.sms, '短信网关'),
    wecom: url(sent.wecom, kept.wecom, '企业微信群机器人'),
    dingtalk: url(sent.dingtalk, kept.dingtalk, '钉钉群机器人'),
    email: sent.email
      ? { ...sent.email, smtpUrl: restore(sent.email.smtpUrl, kept.email?.smtpUrl, '邮件') }
      : null,
  };
}

const MOBILE = /^1[3-9]\d{9}$/;
const TIMEOUT_MS = 10_000;

/** Refused addresses fail with OutboundAddressRefused (modules/outbound), which is not retried. */
async function postJson(http: OutboundHttp, url: string, body: unknown): Promise<void> {
  const res = await http.fetch(url, {
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
  // Named, so the log says who each line went to (a unit's notice reaches several people).
  targetOf: (p) => p.name,
  send: async (m) => log(`[通知] ${m.target ? `→ ${m.target} ` : ''}${m.title}：${m.body}`),
});

/** The channels the settings switch on; webhooks and the SMS gateway are called through `http`. */
export function buildChannels(
  settings: ChannelSettings,
  log: (msg: string) => void,
  http: OutboundHttp,
): Channel[] {
  const channels: Channel[] = [logChannel(log)];
  const { sms, wecom, dingtalk, email } = settings;
  if (sms?.enabled) {
    channels.push({
      name: 'sms',
      perPerson: true,
      targetOf: (p) => (MOBILE.test(p.phone) ? p.phone : null),
      send: (m) =>
        postJson(http, sms.url, { phone: m.target, content: `【12345热线】${m.title}：${m.body}` }),
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
        send: (m) =>
          postJson(http, config.url, { msgtype: 'text', text: { content: `${m.title}\n${m.body}` } }),
      });
    }
  }
  const transport = email?.enabled ? mailTransport(email.smtpUrl, log, http) : null;
  if (email?.enabled && transport) {
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

/**
 * A mail transport, or none when the stored address cannot make one: a channel never fails the
 * action. Its connection is made through `http`, so the relay's address is checked as a webhook's
 * is (a name at every connection); refused, the mail fails for good with the reason.
 */
function mailTransport(smtpUrl: string, log: (msg: string) => void, http: OutboundHttp) {
  try {
    return createTransport({
      url: smtpUrl,
      getSocket: (options, callback) => {
        // As nodemailer chooses when the address names no port.
        const port = Number(options.port) || (options.secure ? 465 : 587);
        http.connect(options.host ?? 'localhost', port, TIMEOUT_MS).then(
          (connection) => callback(null, { connection }),
          (error: Error) => callback(error),
        );
      },
    });
  } catch (e) {
    log(`[通知] 邮件渠道的 SMTP 地址无效，已跳过：${(e as Error).message}`);
    return null;
  }
}

/**
 * Reads stored channel settings field by field: one channel saved before validation was strict
 * (or edited in the database) is dropped, the others keep working, and nothing answers 500.
 */
export function readChannelSettings(stored: unknown): ChannelSettings {
  const whole = channelSettingsSchema.safeParse(stored ?? {});
  if (whole.success) return whole.data;
  const fields = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const kept = Object.fromEntries(
    Object.keys(channelSettingsSchema.shape).flatMap((key) => {
      const one = channelSettingsSchema.shape[key as keyof ChannelSettings].safeParse(fields[key]);
      return one.success ? [[key, one.data]] : [];
    }),
  );
  return channelSettingsSchema.parse(kept);
}
