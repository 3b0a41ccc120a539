import type { Kysely } from 'kysely';
import { z } from 'zod';
import { SettingRepository } from '../../db/repositories/setting.repository.js';
import type { Database } from '../../db/schema.js';
import type { AuditAction } from '../../domain/audit-events.js';
import { type ClusterSettings, DEFAULT_CLUSTER_SETTINGS } from '../../domain/clusters.js';
import { DEFAULT_FIGURE_SETTINGS, type FigureSettings } from '../../domain/figures.js';
import {
  DEFAULT_SECURITY_SETTINGS,
  PASSWORD_HISTORY,
  PASSWORD_MAX_AGE_DAYS,
  type SecuritySettings,
} from '../../domain/login-security.js';
import { officeClockProblems } from '../../domain/office-clock.js';
import { refuse } from '../../domain/refusal.js';
import { DEFAULT_REPEAT_SETTINGS, type RepeatSettings } from '../../domain/repeats.js';
import {
  DEFAULT_TIME_LIMITS,
  inconsistentLimits,
  looserThanNotice,
  type TimeLimitSettings,
} from '../../domain/time-limits.js';
import { DEFAULT_ESCALATION_RULE, type EscalationRuleSettings } from '../../domain/workflow/supervision.js';
import type { Clock } from '../../server/clock.js';
import type { AuditTrail, AuditWho } from '../audit/audit.service.js';
import { type CityLinkSettings, cityLinkSettingsSchema } from '../city/city-link.settings.js';
import {
  type ChannelSettings,
  channelSettingsSchema,
  maskedChannels,
  readChannelSettings,
} from '../notifications/channels.js';
import { patchedSettings, type SettingsPatch } from './settings-patch.js';
import { parsedSetting, storedOrDefaults, warnInvalidSetting } from './stored-setting.js';

const whole = (min: number, max: number) => z.number().int().min(min).max(max);

export const timeLimitSettingsSchema = z.object({
  signWorkingDays: whole(0, 10).describe('签收时限（工作日）'),
  urgentSignHours: whole(1, 24).describe('急件签收时限（小时）'),
  returnWindowWorkingDays: whole(0, 5).describe('回退时限（工作日）'),
  handleWorkingDays: whole(1, 60).describe('普通件办理时限（工作日）'),
  urgentHandleHours: whole(1, 240).describe('急件办理时限（小时）'),
  coUnitWorkingDays: whole(1, 30).describe('协办意见时限（工作日）'),
  redoWorkingDays: whole(1, 60).describe('重办时限（工作日）'),
  dueSoonWorkingDays: whole(1, 10).describe('预警提前量（工作日）'),
  urgentDueSoonHours: whole(1, 48).describe('急件预警提前量（小时）'),
  dayEndsAt: z
    .string()
    .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, '时间格式应为 HH:mm，如 17:30 或 24:00')
    .describe('期限届满时刻（HH:mm）'),
  dispatchWorkingHours: whole(1, 120).describe('普通件分发时限（工作小时，自收到工单起）'),
  urgentDispatchHours: whole(1, 24).describe('急件、领导批示件分发时限（小时，自收到工单起）'),
  progressReportWorkingDays: whole(1, 10).describe('延期后报告办理进展的间隔（工作日）'),
  decisionWorkingHours: whole(1, 120).describe('县热线办审批延期、回退申请的时限（工作小时，自单位申请起）'),
}) satisfies z.ZodType<TimeLimitSettings>;

export const securitySettingsSchema = z.object({
  totpRequired: z.boolean().describe('热线办、督查室、县领导、管理员登录须两步验证'),
  totpRequiredForUnits: z
    .boolean()
    .describe('承办单位人员（单位联络员、分管领导、主要负责人）登录也须两步验证（默认不要求）'),
  idleMinutes: whole(5, 240).describe('会话闲置多少分钟后失效'),
  absoluteHours: whole(1, 24).describe('会话自登录起最长多少小时'),
  unitUploadQuotaMb: whole(10, 100_000).describe('每个单位的附件存储配额（MB）'),
  passwordMaxAgeDays: z
    .number()
    .int()
    .refine(
      (d) => d === 0 || (d >= PASSWORD_MAX_AGE_DAYS.min && d <= PASSWORD_MAX_AGE_DAYS.max),
      `须为 0（永不过期）或 ${PASSWORD_MAX_AGE_DAYS.min}–${PASSWORD_MAX_AGE_DAYS.max} 天`,
    )
    .describe('密码最长使用多少天，到期须修改后才能使用系统（0：永不过期）'),
  passwordHistory: whole(PASSWORD_HISTORY.min, PASSWORD_HISTORY.max).describe(
    '新密码不能与最近多少个密码（含当前密码）相同',
  ),
}) satisfies z.ZodType<SecuritySettings>;

/** At least one urge and one phone call: the notice escalates units that ignored both (三). */
export const escalationRuleSchema = z.object({
  minUrges: whole(1, 20).describe('已超期工单被催办至少多少次'),
  minPhoneSupervisions: whole(1, 20).describe('且被电话督办至少多少次，才建议报督查室专项督办'),
}) satisfies z.ZodType<EscalationRuleSettings>;

const KEY = 'time_limits';
const ESCALATION_KEY = 'escalation_rule';
const SECURITY_KEY = 'security';
const CHANNELS_KEY = 'notification_channels';
const FIGURES_KEY = 'figures';
const CITY_LINK_KEY = 'city_link';

const weight = z.number().min(0).max(100);
export const figureSettingsSchema = z.object({
  basicallySatisfiedWeight: z
    .union([z.literal(0), z.literal(0.5), z.literal(1)], {
      error: '基本满意计入满意的比例只能是 1、0.5 或 0',
    })
    .describe('基本满意计入满意的比例：1、0.5 或 0'),
  weights: z.object({
    onTimeReply: weight,
    signOnTime: weight,
    satisfaction: weight,
    redo: weight,
    overdue: weight,
  }),
  minOrdersToRank: whole(0, 100)
    .default(0)
    .describe('参评所需最少在手工单（件）：少于此数又无超期、超时签收的单位照算得分、不排名次；0 为都排名次'),
}) satisfies z.ZodType<FigureSettings>;
const ASSISTANT_KEY = 'assistant';
const similarity = z.number().min(0.05).max(1);
export const assistantSettingsSchema = z.object({
  repeats: z.object({
    windowDays: whole(1, 365).describe('重复件查找范围（天）'),
    minSimilarity: similarity.describe('内容相近的阈值（0–1）'),
  }) satisfies z.ZodType<RepeatSettings>,
  clusters: z.object({
    windowHours: whole(1, 72).describe('聚集性诉求的时间范围（小时）'),
    minOrders: whole(2, 50).describe('达到多少件时提醒热线办'),
    minSimilarity: similarity.describe('内容相近的阈值（0–1）'),
  }) satisfies z.ZodType<ClusterSettings>,
});
export type AssistantSettings = z.infer<typeof assistantSettingsSchema>;
const DEFAULT_ASSISTANT: AssistantSettings = {
  repeats: DEFAULT_REPEAT_SETTINGS,
  clusters: DEFAULT_CLUSTER_SETTINGS,
};

/** The value in effect for each stored setting (null: never saved): the defaults under what is stored. */
const timeLimitsOf = (stored: unknown): TimeLimitSettings =>
  storedOrDefaults(KEY, timeLimitSettingsSchema, DEFAULT_TIME_LIMITS, stored);
const securityOf = (stored: unknown): SecuritySettings =>
  storedOrDefaults(SECURITY_KEY, securitySettingsSchema, DEFAULT_SECURITY_SETTINGS, stored);
const figuresOf = (stored: unknown): FigureSettings =>
  storedOrDefaults(FIGURES_KEY, figureSettingsSchema, DEFAULT_FIGURE_SETTINGS, stored);
const assistantOf = (stored: unknown): AssistantSettings =>
  storedOrDefaults(ASSISTANT_KEY, assistantSettingsSchema, DEFAULT_ASSISTANT, stored);
const escalationRuleOf = (stored: unknown): EscalationRuleSettings =>
  storedOrDefaults(ESCALATION_KEY, escalationRuleSchema, DEFAULT_ESCALATION_RULE, stored);

/** Time limits to store: stricter than the notice, consistent with each other; else refused, nothing changed. */
function checkedTimeLimits(next: TimeLimitSettings): TimeLimitSettings {
  const looser = looserThanNotice(next);
  if (looser.length > 0) {
    refuse('invalid', 'TIME_LIMIT_LOOSER_THAN_NOTICE', looser.map((l) => l.message).join(''), {
      problems: looser,
    });
  }
  const office = officeClockProblems(next);
  if (office.length > 0) {
    refuse('invalid', 'DISPATCH_LIMIT_NOT_STRICTER', office.map((p) => p.message).join(''), {
      problems: office,
    });
  }
  const contradictions = inconsistentLimits(next);
  if (contradictions.length > 0) {
    refuse('invalid', 'TIME_LIMITS_INCONSISTENT', contradictions.map((p) => p.message).join(''), {
      problems: contradictions,
    });
  }
  return next;
}

/**
 * How long a process keeps a setting it read. A write through this service drops the copy at
 * once, and on PostgreSQL every process hears of any write through the change bus (migration
 * settings-001), so this is only the limit for a write the bus did not carry: a script on SQLite
 * beside the server, or a lost listening connection (which also drops every copy when it is back).
 */
const KEEP_MS = 30_000;

/**
 * Administrator-set values of the configurable rules, with the notice's defaults. The settings
 * read on every page, list or notice (time limits, sign-in rules, the escalation rule, channels,
 * the assistant's thresholds, the figures' weights) are kept in the process (see KEEP_MS); the
 * city link is read fresh each time, by the worker's rounds.
 */
export class SettingsService {
  private readonly kept = new Map<string, { value: unknown; until: number }>();
  /** Counts the drops: a read that began before one does not keep what it read (it may be the old value). */
  private drops = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    /** Each change is recorded with before and after, in the change's transaction. */
    private readonly audit?: AuditTrail,
  ) {}

  private async read(key: string, db: Kysely<Database> = this.db): Promise<unknown | null> {
    return parsedSetting(key, await new SettingRepository(db).get(key));
  }

  /** A kept setting, or read (through `db`, a transaction's connection on SQLite) and kept. */
  private async keptRead<T>(key: string, make: (stored: unknown) => T, db = this.db): Promise<T> {
    const hit = this.kept.get(key);
    if (hit && hit.until > Date.now()) return hit.value as T;
    const drops = this.drops;
    const value = make(await this.read(key, db));
    if (drops === this.drops) this.kept.set(key, { value, until: Date.now() + KEEP_MS });
    return value;
  }

  /** Drops the kept copies of `keys`, or of every setting: written here, or elsewhere as the change bus tells. */
  forget(keys: readonly string[] | 'all'): void {
    this.drops += 1;
    if (keys === 'all') this.kept.clear();
    else for (const key of keys) this.kept.delete(key);
  }

  /**
   * Stores a setting, in the given transaction or one of its own, with its audit entry when `who`
   * is given. `next` makes the value to store from the effective one before (defaults included),
   * read in the same transaction, so a save merges over what is stored now, not a kept copy.
   */
  private async write<T>(
    key: string,
    next: (before: T) => T,
    options: {
      /** The value in effect for what is stored (null: nothing yet), defaults included. */
      effective: (stored: unknown) => T;
      db?: Kysely<Database>;
      who?: AuditWho | undefined;
      action?: AuditAction;
      /** The value as the audit log shows it (secrets inside values masked). */
      audited?: (value: T) => unknown;
    },
  ) {
    const updated_at = this.clock.now().toISOString();
    const run = async (trx: Kysely<Database>) => {
      const before = options.effective(await this.read(key, trx));
      const value = next(before);
      await new SettingRepository(trx).put(key, JSON.stringify(value), updated_at);
      if (options.who && this.audit)
        await this.audit.record(trx, {
          ...options.who,
          action: options.action ?? 'setting.changed',
          target: `setting:${key}`,
          before: before && options.audited ? options.audited(before) : before,
          after: options.audited ? options.audited(value) : value,
        });
    };
    const db = options.db ?? this.db;
    try {
      if (db.isTransaction) await run(db);
      else await db.transaction().execute(run);
    } finally {
      this.forget([key]);
    }
  }

  /**
   * Saves the fields sent over the stored ones (settings-patch.ts): a field the client left out
   * keeps its value; the whole is checked by `schema`, then by `check` (which refuses, or answers
   * the value to store).
   */
  private async update<T>(
    key: string,
    sent: SettingsPatch<T>,
    rule: {
      schema: z.ZodType<T>;
      effective: (stored: unknown) => T;
      check?: (next: T, before: T) => T;
      who?: AuditWho | undefined;
      action?: AuditAction;
      audited?: (value: T) => unknown;
    },
  ): Promise<void> {
    const { schema, check, ...options } = rule;
    await this.write(
      key,
      (before) => {
        const next = patchedSettings(schema, before, sent);
        return check ? check(next, before) : next;
      },
      options,
    );
  }

  async timeLimits(): Promise<TimeLimitSettings> {
    return this.keptRead(KEY, timeLimitsOf);
  }

  /** Stricter than the notice, never looser (refused with TIME_LIMIT_LOOSER_THAN_NOTICE, nothing changed). */
  async setTimeLimits(sent: SettingsPatch<TimeLimitSettings>, who?: AuditWho): Promise<TimeLimitSettings> {
    await this.update(KEY, sent, {
      schema: timeLimitSettingsSchema,
      effective: timeLimitsOf,
      check: checkedTimeLimits,
      who,
    });
    return this.timeLimits();
  }

  /**
   * Notification channels and automatic urges, read when notices are made. Inside a transaction
   * pass it, since SQLite has one connection and the transaction holds it.
   */
  async channels(db: Kysely<Database> = this.db): Promise<ChannelSettings> {
    return this.keptRead(CHANNELS_KEY, readChannelSettings, db);
  }

  /** `check` sees the merged channels and the stored ones (secrets sent back masked are restored there). */
  async setChannels(
    sent: SettingsPatch<ChannelSettings>,
    who?: AuditWho,
    check?: (next: ChannelSettings, before: ChannelSettings) => ChannelSettings,
  ): Promise<ChannelSettings> {
    await this.update(CHANNELS_KEY, sent, {
      schema: channelSettingsSchema,
      effective: readChannelSettings,
      check,
      who,
      action: 'channel.changed',
      // Passwords and tokens live inside the addresses: the log must not keep them.
      audited: maskedChannels,
    });
    return this.channels();
  }

  /** Sign-in and session rules (read on every request). */
  async security(): Promise<SecuritySettings> {
    return this.keptRead(SECURITY_KEY, securityOf);
  }

  async setSecurity(sent: SettingsPatch<SecuritySettings>, who?: AuditWho): Promise<SecuritySettings> {
    // Settings saved before a switch existed show its default as the value before.
    await this.update(SECURITY_KEY, sent, { schema: securitySettingsSchema, effective: securityOf, who });
    return this.security();
  }

  /** How the figures count 基本满意 and weigh the ranking's indicators. */
  async figures(): Promise<FigureSettings> {
    return this.keptRead(FIGURES_KEY, figuresOf);
  }

  /** The dispatcher's assistant: the repeat window and the cluster thresholds the office sets. */
  async assistant(db: Kysely<Database> = this.db): Promise<AssistantSettings> {
    return this.keptRead(ASSISTANT_KEY, assistantOf, db);
  }

  async setAssistant(sent: SettingsPatch<AssistantSettings>, who?: AuditWho): Promise<AssistantSettings> {
    await this.update(ASSISTANT_KEY, sent, { schema: assistantSettingsSchema, effective: assistantOf, who });
    return this.assistant();
  }

  async setFigures(sent: SettingsPatch<FigureSettings>, who?: AuditWho): Promise<FigureSettings> {
    await this.update(FIGURES_KEY, sent, {
      schema: figureSettingsSchema,
      effective: figuresOf,
      who,
      action: 'weights.changed',
    });
    return this.figures();
  }

  /** When the rules propose escalating an order to the supervision office (督查室专项督办); read by every page and list. */
  async escalationRule(): Promise<EscalationRuleSettings> {
    return this.keptRead(ESCALATION_KEY, escalationRuleOf);
  }

  async setEscalationRule(
    sent: SettingsPatch<EscalationRuleSettings>,
    who?: AuditWho,
  ): Promise<EscalationRuleSettings> {
    await this.update(ESCALATION_KEY, sent, {
      schema: escalationRuleSchema,
      effective: escalationRuleOf,
      who,
    });
    return this.escalationRule();
  }

  /** The city link (read fresh: the worker reads it each round, so a change applies at once). */
  async cityLink(db: Kysely<Database> = this.db): Promise<CityLinkSettings | null> {
    const stored = await this.read(CITY_LINK_KEY, db);
    if (!stored) return null;
    // A row edited by hand: read as not configured (the page says so), not a 500 on every round.
    const parsed = cityLinkSettingsSchema.safeParse(stored);
    if (!parsed.success)
      warnInvalidSetting('设置「city_link」无效，市平台对接按未配置处理；请在设置页重新填写。');
    return parsed.success ? parsed.data : null;
  }

  async setCityLink(value: CityLinkSettings, db: Kysely<Database> = this.db): Promise<void> {
    await this.write(CITY_LINK_KEY, () => cityLinkSettingsSchema.parse(value), { db, effective: (s) => s });
  }
}
