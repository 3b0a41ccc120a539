import { z } from 'zod';
import { invalidNetworkEntries } from './domain/address-allowlist.js';

/**
 * Every setting Huiyin reads from the environment, parsed once at start (fastify/demo's way:
 * parse, then pass in). No other file reads `process.env`; the README's table of variables
 * lists exactly these. A malformed value stops the server at start with a clear message rather
 * than failing later.
 */
const flag = z.enum(['0', '1']).transform((v) => v === '1');
const positiveInt = z.coerce.number().int().positive();

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => v || 'sqlite:./data/huiyin.db'),
  /**
   * A read replica (a PostgreSQL streaming standby) that statistics and exports read from, so the
   * heavy reads leave the primary to the work; unset, they read the primary (DATABASE_URL).
   */
  DATABASE_READ_URL: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  UPLOADS_DIR: z.string().min(1).default('./data/uploads'),
  WEB_DIR: z.string().min(1).default('./web/dist'),
  SEED_DEMO: flag.default(true),
  COOKIE_SECURE: flag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WATCH_EVERY_MS: positiveInt.default(60_000),
  DELIVER_EVERY_MS: positiveInt.default(5_000),
  PG_POOL_MAX: positiveInt.default(10),
  /** How often the city outbox is looked at for results to send back (ms). */
  CITY_DELIVER_EVERY_MS: positiveInt.default(2_000),
  /** The first retry of a failed result waits this long; each further retry twice as long (ms). */
  CITY_RETRY_BASE_MS: positiveInt.default(30_000),
  /** How often the city order poll and the daily reconciliation check whether they are due (ms). */
  CITY_SYNC_EVERY_MS: positiveInt.default(5_000),
  ASSISTANT_RETRAIN_HOURS: positiveInt.default(24),
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /** Hex key (≥ 32 bytes) of the audit chain's HMAC-SM3; otherwise AUDIT_KEY_FILE is used. */
  AUDIT_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{2}){32,}$/, '应为至少 64 位十六进制字符')
    .optional(),
  AUDIT_KEY_FILE: z.string().min(1).default('./data/audit.key'),
  /** Hex key (≥ 32 bytes) backups are encrypted with; otherwise BACKUP_KEY_FILE if it exists. */
  BACKUP_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{2}){32,}$/, '应为至少 64 位十六进制字符')
    .optional(),
  /** Made by `npm run backup:key`; backups are not encrypted while neither key is there. */
  BACKUP_KEY_FILE: z.string().min(1).default('./data/backup.key'),
  /**
   * Whether `X-Forwarded-For` is believed: `0` (default: the peer's address is the client's and
   * the header is ignored), a number of proxies in front (`1`: one nginx — the address it appends
   * is taken, anything a client wrote before it is not), or a comma-separated list of the proxies'
   * addresses/CIDRs.
   */
  TRUST_PROXY: z
    .string()
    .default('0')
    .transform((v): false | number | string[] => {
      const t = v.trim();
      if (t === '' || t === '0') return false;
      if (/^\d+$/.test(t)) return Number(t);
      return t
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    }),
  /**
   * A keyword search counts its matches up to this many; beyond, the list says 「1000 件以上」
   * instead of counting and sorting every match (docs/performance.md).
   */
  SEARCH_COUNT_CAP: positiveInt.default(1_000),
  /**
   * Whether orders' pages and lists are kept in memory and sent again while they are still right
   * (docs/operations.md 「工单详情页与列表的存页」). `0` builds every one from the database: to measure
   * the database path (the reads benchmark), or to rule the store out when looking into a report.
   */
  STORED_PAGES: flag.default(true),
  /**
   * The memory each process keeps for stored pages, in MiB: two thirds for orders' pages, a third
   * for lists, counted as the bytes sent and their compressed copies. Every viewer has pages of
   * their own (2–30 KB each). The 12 MB kept before held fewer pages than the bench's reviewer
   * looks through (about 1,300 orders), so half of them were built again at every look
   * (docs/performance.md).
   */
  STORED_PAGES_MIB: positiveInt.default(24),
  /** Login attempts allowed per client IP per minute (on top of the per-account lockout). */
  LOGIN_RATE_PER_MINUTE: positiveInt.default(30),
  /** Calls each API client (by its key) may make per minute to the machine routes, per process. */
  API_RATE_PER_MINUTE: positiveInt.default(600),
  /**
   * Addresses and networks (comma-separated, as 10.1.2.3, 127.0.0.0/8 or ::1) that outbound calls
   * (webhooks, the city platform) may reach although they are of a refused kind: loopback,
   * link-local, the cloud metadata service (domain/outbound-address.ts). Empty by default; private
   * networks need no entry. Full-width digits and slashes are read as ASCII.
   */
  OUTBOUND_ALLOWED_NETWORKS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .normalize('NFKC')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .superRefine((list, check) => {
      const bad = invalidNetworkEntries(list);
      if (bad.length > 0)
        check.addIssue({
          code: 'custom',
          message: `「${bad.join('」「')}」不是 IP 地址或网段（应写成 10.1.2.3、127.0.0.0/8、::1 这样，以逗号分隔）`,
        });
    }),
});

export type Config = z.infer<typeof EnvSchema>;

/** Every variable the configuration reads (the README's table lists exactly these). */
export const ENV_NAMES = Object.keys(EnvSchema.shape);

export class ConfigError extends Error {}

/** Parses the environment (or the given variables, in tests) into the configuration. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`环境变量设置有误：\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The defaults, for code built without a parsed environment (tests, tools). */
export const DEFAULT_CONFIG: Config = loadConfig({});
