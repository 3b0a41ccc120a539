import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Config, DEFAULT_CONFIG } from '../config.js';
import type { Db } from '../db/connection.js';
import { recipientDirectoryOf } from '../db/repositories/recipient-directory.js';
import { sessionUsersOf } from '../db/repositories/session.repository.js';
import { JobRounds } from '../jobs/job-rounds.js';
import { DispatchAssistant } from '../modules/assistant/dispatch-assistant.service.js';
import { AuditTrail } from '../modules/audit/audit.service.js';
import { resolveAuditKey } from '../modules/audit/audit-key.js';
import { CALENDAR_CHANGED, CalendarService } from '../modules/calendar/calendar.service.js';
import { outboundHttp } from '../modules/outbound/outbound-http.js';
import { SettingsService } from '../modules/settings/settings.service.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { COMPRESSION } from './compression.js';
import type { AppContext } from './context.js';
import { AccessLog } from './plugins/access-log.js';
import { registerApiKeyAuth } from './plugins/api-key-auth.js';
import { type AccessRegistry, registerAuth } from './plugins/auth.js';
import { registerDurableAnswers } from './plugins/durable-answers.js';
import { frameworkErrors, registerErrorHandler } from './plugins/errors.js';
import { registerHardening } from './plugins/hardening.js';
import { withAccess } from './plugins/openapi-access.js';
import { registerRoutes } from './routes.js';
import { plainChineseError } from './zod-messages.js';

// Schema violations are explained to the user in Chinese: plainly where people meet them, else by zod's locale.
z.config(z.locales.zhCN());
z.config({ customError: plainChineseError });

export interface BuildOptions {
  db: Db;
  /** Settings from the environment; the defaults when omitted (tests). */
  config?: Config;
  clock?: Clock;
  uploadsDir?: string;
  logger?: boolean;
  /** Where the log goes when `logger` is on (tests read it); standard output when omitted. */
  logStream?: { write(line: string): void };
  /** Serve the built web app from this folder at `/`. */
  webDir?: string | null;
  /** The audit chain's key; from AUDIT_KEY or AUDIT_KEY_FILE when omitted. */
  auditKey?: Buffer;
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Builds the whole application without listening, so tests drive it with `inject`. */
export async function buildApp(options: BuildOptions): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const clock = options.clock ?? systemClock;
  const config = options.config ?? DEFAULT_CONFIG;
  const audit = new AuditTrail(options.db.kysely, clock, options.auditKey ?? resolveAuditKey(config));
  const ctx: AppContext = {
    db: options.db,
    config,
    clock,
    calendar: new CalendarService(options.db.kysely, clock, audit),
    settings: new SettingsService(options.db.kysely, clock, audit),
    audit,
    assistant: new DispatchAssistant(options.db.kysely, clock),
    uploadsDir: options.uploadsDir ?? config.UPLOADS_DIR,
    jobs: new JobRounds(),
    outbound: outboundHttp(config.OUTBOUND_ALLOWED_NETWORKS),
  };
  const app = Fastify({
    logger: options.logger
      ? { level: config.LOG_LEVEL, ...(options.logStream ? { stream: options.logStream } : {}) }
      : false,
    // One line per request, without the query string.
    logController: new AccessLog(
      options.logger === true && ['trace', 'debug', 'info'].includes(config.LOG_LEVEL),
    ),
    frameworkErrors,
    // X-Forwarded-For only from the proxies TRUST_PROXY names; otherwise a client could forge its IP.
    trustProxy:
      typeof config.TRUST_PROXY === 'number'
        ? (_address: string, hop: number) => hop < (config.TRUST_PROXY as number)
        : config.TRUST_PROXY,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerDurableAnswers(app, ctx.db);

  await app.register(fastifyCompress, COMPRESSION);
  registerHardening(app, ctx);
  await app.register(fastifyCookie);
  // Only routes that ask for it (the login) are limited; the key is the client's IP as TRUST_PROXY allows.
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => ({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: '尝试过于频繁，请稍后再试。',
    }),
  });
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  const accessRegistry: AccessRegistry = new Map();
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '回音 Huiyin API',
        description:
          '12345 市民服务热线工单承办系统接口。登录后以会话 Cookie 调用；错误统一返回 { error: { code, message } }。',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'huiyin_sid',
            description: '网页端登录后的会话 Cookie',
          },
          bearerKey: {
            type: 'http',
            scheme: 'bearer',
            description:
              '接口客户端密钥（系统管理员创建，只显示一次）。配置为须签名的客户端还要带 X-Timestamp、X-Nonce、X-Signature',
          },
          apiKeyHeader: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Api-Key',
            description: '同 bearerKey，以 X-Api-Key 请求头提供',
          },
          requestSignature: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Signature',
            description:
              'HMAC-SHA256（十六进制），密钥为 SHA-256（接口密钥） 的十六进制；签名串为 方法、路径（含查询串）、X-Timestamp（Unix 秒）、X-Nonce、请求体 SHA-256 各占一行。时间窗 5 分钟，nonce 不可重用',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (doc) => withAccess(doc, accessRegistry),
  });
  // Another process ended a session, changed an account or a setting: the copy kept here goes at once.
  const sessionUsers = sessionUsersOf(ctx.db.kysely);
  const unsubscribe = [
    ctx.db.bus.subscribe('sessions_ended', (ids) => {
      if (ids === 'all') sessionUsers.forgetAll();
      else for (const id of ids) sessionUsers.forgetSession(id);
    }),
    ctx.db.bus.subscribe('users_changed', (ids) => {
      if (ids === 'all') sessionUsers.forgetAll();
      else for (const id of ids) sessionUsers.forgetUser(id);
      recipientDirectoryOf(ctx.db.kysely).forget();
    }),
    ctx.db.bus.subscribe('accounts_added', () => recipientDirectoryOf(ctx.db.kysely).forget()),
    // A setting written by another process applies here at once, not when the kept copy ages out.
    ctx.db.bus.subscribe('settings_changed', (keys) => {
      ctx.settings.forget(keys);
      if (keys === 'all' || keys.includes(CALENDAR_CHANGED)) ctx.calendar.invalidate();
    }),
  ];
  app.addHook('onClose', async () => {
    for (const stop of unsubscribe) stop();
    // Its kept-alive connections to webhooks and the city end with the application.
    await ctx.outbound.close();
  });
  registerAuth(app, ctx, accessRegistry);
  registerApiKeyAuth(app, ctx);
  await registerRoutes(app, ctx, options.webDir ?? null);
  await app.ready();
  return { app, ctx };
}
