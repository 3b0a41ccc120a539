import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CITY_STATUSES } from '../../domain/city-link.js';
import { POLL_OUTCOMES, POLL_RUNS_KEPT } from '../../domain/city-poll.js';
import type { AppContext } from '../../server/context.js';
import { actorOf, who } from '../../server/plugins/auth.js';
import { errorResponses, idParams } from '../../server/schemas.js';
import { settingsPatchSchema } from '../settings/settings-patch.js';
import { CityLinkService } from './city-link.service.js';
import { cityLinkSettingsInput, cityLinkSettingsSchema } from './city-link.settings.js';

/** The hotline office watches the link: what failed to reach the city, and where the two sides disagree. */

const settingsView = cityLinkSettingsSchema.omit({ key: true }).extend({ keySet: z.boolean() });

const deadLetter = z.object({
  id: z.number(),
  orderId: z.number(),
  orderCode: z.string(),
  cityOrderNo: z.string(),
  event: z.string().describe('要回传的事件'),
  sequence: z.number(),
  attempts: z.number(),
  lastError: z.string().nullable().describe('最后一次失败的原因'),
  deadSince: z.string().describe('转入失败队列的时间'),
  createdAt: z.string(),
});

const retryingResult = z.object({
  id: z.number(),
  orderId: z.number(),
  orderCode: z.string(),
  cityOrderNo: z.string(),
  event: z.string(),
  sequence: z.number(),
  attempts: z.number().describe('已尝试次数'),
  lastError: z.string().nullable().describe('上一次失败的原因'),
  nextAttemptAt: z.string().describe('下一次尝试的时间'),
});

const refusedOrder = z.object({
  id: z.number(),
  cityOrderNo: z.string(),
  reason: z.string().describe('不能登记的原因'),
  content: z.string().describe('市平台列出的原文（JSON）'),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  seenCount: z.number(),
});

const pollHealth = z
  .object({
    configured: z.boolean().describe('是否在拉取：已启用，且填了工单列表地址和拉取间隔'),
    everySeconds: z.number().nullable().describe('拉取间隔（秒）'),
    lastReadAt: z.string().nullable().describe('最近一次读到工单列表的时间'),
    runs: z
      .array(
        z.object({
          outcome: z
            .enum(POLL_OUTCOMES)
            .describe(
              'ok 成功；refused 被拒绝（外发地址不允许、市平台拒绝请求），不改设置会一直如此；failed 失败（超时、市平台停机等，可能自行恢复）',
            ),
          reason: z.string().nullable().describe('原因（中文）'),
          firstAt: z.string(),
          lastAt: z.string(),
          polls: z.number().describe('这段时间内结果相同的拉取次数'),
          received: z.number().describe('登记的工单数'),
          refusedOrders: z.number().describe('因内容不合格未能登记的工单数'),
        }),
      )
      .describe(`最近的拉取情况，连续结果相同的合为一段，最新的在前，最多 ${POLL_RUNS_KEPT} 段`),
  })
  .describe('市平台工单列表拉取的情况');

const report = z.object({
  id: z.number(),
  runKey: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.enum(['running', 'done', 'failed']),
  error: z.string().nullable(),
  compared: z.number(),
  items: z.array(
    z.object({
      kind: z.enum(['status_differs', 'missing_in_huiyin', 'missing_in_city']),
      cityOrderNo: z.string(),
      orderCode: z.string().nullable(),
      huiyinStatus: z.enum(CITY_STATUSES).nullable(),
      cityStatus: z.string().nullable(),
      undelivered: z.number(),
    }),
  ),
});

export function cityLinkRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new CityLinkService(ctx);
  const tags = ['市平台对接'];
  return async (app) => {
    app.get(
      '/api/city-link/settings',
      {
        config: { access: 'cityLink.settings' },
        schema: {
          tags,
          summary: '市平台对接设置（不返回密钥）与工单列表拉取的情况',
          response: {
            200: z.object({ settings: settingsView.nullable(), poll: pollHealth }),
            ...errorResponses,
          },
        },
      },
      async () => service.view(),
    );
    app.put(
      '/api/city-link/settings',
      {
        config: { access: 'cityLink.settings' },
        schema: {
          tags,
          summary:
            '修改市平台对接设置（保存时校验地址、密钥、字段映射）；地址的主机写成本机回环、链路本地等不外发的 IP 时拒绝（OUTBOUND_ADDRESS_NOT_ALLOWED）',
          body: settingsPatchSchema(cityLinkSettingsInput),
          response: {
            200: z.object({ settings: settingsView.nullable(), poll: pollHealth }),
            ...errorResponses,
          },
        },
      },
      async (request) => service.save(request.body, who(request)),
    );
    app.get(
      '/api/city-link/outbox',
      {
        config: { access: 'cityLink.outbox' },
        schema: {
          tags,
          summary: '结果回传队列：各状态数量与失败队列（什么、为什么、从何时起）；工单列表拉取的情况',
          response: {
            200: z.object({
              counts: z.object({
                pending: z.number(),
                sending: z.number(),
                sent: z.number(),
                dead: z.number(),
              }),
              deadLetters: z.array(deadLetter),
              retrying: z
                .array(retryingResult)
                .describe('失败过、仍在重试中的回传（同一工单后面的结果在它之后发）'),
              refusedOrders: z
                .array(refusedOrder)
                .describe('从市平台工单列表拉取、因内容不合格未能登记的工单（待热线办处理）'),
              poll: pollHealth,
            }),
            ...errorResponses,
          },
        },
      },
      async () => service.outbox(),
    );
    app.post(
      '/api/city-link/dead-letters/:id/resend',
      {
        config: { access: 'cityLink.outbox' },
        schema: {
          tags,
          summary: '重新发送一条失败的回传',
          params: idParams,
          response: { 200: z.object({ requeued: z.number() }), ...errorResponses },
        },
      },
      async (request) => service.resend(request.params.id),
    );
    app.post(
      '/api/city-link/refused-orders/:id/resolve',
      {
        config: { access: 'cityLink.outbox' },
        schema: {
          tags,
          summary: '把一件拉取时未能登记的市平台工单标为已处理（已人工登记，或已与市平台核实）',
          params: idParams,
          response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
        },
      },
      async (request) => {
        await service.resolveRefused(request.params.id, actorOf(request).name);
        return { ok: true as const };
      },
    );
    app.post(
      '/api/city-link/dead-letters/resend-all',
      {
        config: { access: 'cityLink.outbox' },
        schema: {
          tags,
          summary: '重新发送全部失败的回传',
          response: { 200: z.object({ requeued: z.number() }), ...errorResponses },
        },
      },
      async () => service.resend(null),
    );
    app.get(
      '/api/city-link/reconciliations/latest',
      {
        config: { access: 'cityLink.outbox' },
        schema: {
          tags,
          summary: '最近一次对账结果',
          response: { 200: z.object({ report: report.nullable() }), ...errorResponses },
        },
      },
      async () => ({ report: await service.latestReconciliation() }),
    );
    app.post(
      '/api/city-link/reconciliations',
      {
        config: { access: 'cityLink.outbox' },
        schema: {
          tags,
          summary: '立即与市平台对账',
          response: { 200: z.object({ report }), ...errorResponses },
        },
      },
      async (request) => ({ report: await service.reconcileNow(actorOf(request).userId) }),
    );
  };
}
