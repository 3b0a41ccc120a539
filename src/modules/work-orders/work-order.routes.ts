import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ListMark } from '../../db/repositories/list-changes.js';
import { ATTACHMENT_PURPOSES } from '../../domain/attachment-purpose.js';
import { formatDeadline } from '../../domain/deadline-text.js';
import { dispatchDeadlines, URGENCIES } from '../../domain/deadlines.js';
import { checkReply } from '../../domain/reply-standard.js';
import { toShanghaiIso } from '../../domain/time.js';
import { ACTION_LABELS, ACTIONS, type Action, actionCapability } from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { errorResponses, idParams, isoInstant } from '../../server/schemas.js';
import { sendStoredFile, uploadedAttachment, uploadedFile } from '../../server/uploads.js';
import { actionBody } from './action-commands.js';
import { openAttachment, storeAttachment } from './attachments.js';
import { orderListJson } from './order-list.js';
import { orderPageJson } from './order-page.js';
import { StoredPages } from './stored-pages.js';
import { sendPage } from './stored-send.js';
import { detailOf, orderDetail } from './work-order.detail.js';
import { countOrders } from './work-order.queries.js';
import { countsResponse, detailResponse, listResponse } from './work-order.responses.js';
import {
  ACTION_BODIES,
  countsQuery,
  listQuery,
  registerBody,
  registerHeaders,
  replyContent,
} from './work-order.schemas.js';
import { WorkOrderService } from './work-order.service.js';

export const kebab = (action: string) => action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function workOrderRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new WorkOrderService(ctx);
  // Switched off (STORED_PAGES=0), nothing is kept: every page and list is built.
  const budget = ctx.config.STORED_PAGES ? ctx.config.STORED_PAGES_MIB * 2 ** 20 : 0;
  const pages = new StoredPages(Math.round((budget * 2) / 3));
  const lists = new StoredPages<ListMark>(Math.round(budget / 3));

  return async (app) => {
    app.post(
      '/api/work-orders',
      {
        config: { access: 'workOrder.register' },
        schema: {
          tags: ['工单'],
          summary: '登记工单（电话、传真、来访，或市级平台下发）',
          description:
            '带请求头 Idempotency-Key（8–100 个字母、数字、-、_，每次新登记一个）时，同一个键再次提交返回第一次登记的工单（200），不会重复登记：答复在网络上丢失后可以放心重发。同一市平台工单编号重复登记返回 409 DUPLICATE_CITY_ORDER（市平台自己的重发走 /api/city 接口）。',
          headers: registerHeaders,
          body: registerBody,
          response: { 201: detailResponse, 200: detailResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { id, duplicate } = await service.register(request.body, actor, request.ip, {
          requestKey: request.headers['idempotency-key'],
        });
        reply.status(duplicate ? 200 : 201);
        return orderDetail(ctx, service, id, actor);
      },
    );

    app.get(
      '/api/work-orders',
      {
        config: { access: 'workOrder.read' },
        schema: {
          tags: ['工单'],
          summary: '工单列表（按权限范围），可筛选、搜索、分页',
          querystring: listQuery,
          response: { 200: listResponse, ...errorResponses },
        },
      },
      // Sent as stored text while no order it could hold has changed (order-list.ts).
      async (request, reply) =>
        sendPage(request, reply, await orderListJson(ctx, lists, actorOf(request), request.query)),
    );

    app.get(
      '/api/work-orders/counts',
      {
        config: { access: 'workOrder.read' },
        schema: {
          tags: ['工单'],
          summary: '一次数出多个列表的件数（按权限范围），如工作台各页签的数字',
          querystring: countsQuery,
          response: { 200: countsResponse, ...errorResponses },
        },
      },
      async (request) => ({
        counts: await countOrders(
          ctx.db.kysely,
          actorOf(request),
          request.query.queries,
          ctx.clock.now(),
          await ctx.settings.escalationRule(),
          ctx.config.SEARCH_COUNT_CAP,
        ),
      }),
    );

    app.get(
      '/api/work-orders/:id',
      {
        config: { access: 'workOrder.read' },
        schema: {
          tags: ['工单'],
          summary: '工单详情：全部字段、时限、流转记录、附件，以及当前用户现在可做的操作',
          params: idParams,
          response: { 200: detailResponse, ...errorResponses },
        },
      },
      // Sent as stored text (order-page.ts): the JSON the response schema writes, written once.
      async (request, reply) =>
        sendPage(
          request,
          reply,
          await orderPageJson(ctx, service, pages, request.params.id, actorOf(request)),
        ),
    );

    app.get(
      '/api/work-orders/:id/dispatch-preview',
      {
        config: { access: 'workOrder.dispatchPreview' },
        schema: {
          tags: ['工单'],
          summary: '派发前预览各项时限，并提示市平台期限更紧的情况',
          params: idParams,
          querystring: z.object({
            urgency: z.enum(URGENCIES).optional(),
            leaderDeadline: isoInstant.optional(),
          }),
          response: {
            200: z.object({
              signBy: z.string(),
              returnBy: z.string(),
              handleBy: z.string(),
              coUnitBy: z.string(),
              clippedByCity: z.array(z.string()),
              warning: z.string().nullable(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { snapshot } = await service.loadVisible(request.params.id, actor);
        const wctx = await service.workflowContext(actor);
        const d = dispatchDeadlines(wctx.calendar, wctx.settings, {
          dispatchedAt: wctx.now,
          urgency: request.query.urgency ?? snapshot.urgency,
          leaderDeadline: request.query.leaderDeadline ? new Date(request.query.leaderDeadline) : null,
          cityDeadline: snapshot.cityDeadline,
        });
        return {
          signBy: toShanghaiIso(d.signBy),
          returnBy: toShanghaiIso(d.returnBy),
          handleBy: toShanghaiIso(d.handleBy),
          coUnitBy: toShanghaiIso(d.coUnitBy),
          clippedByCity: d.clippedByCity,
          warning:
            d.clippedByCity.length > 0 && snapshot.cityDeadline
              ? `市平台规定的期限（${formatDeadline(snapshot.cityDeadline)}）比县里的默认时限更紧，办理期限已按市平台期限提前。`
              : null,
        };
      },
    );

    app.post(
      '/api/work-orders/:id/reply/check',
      {
        config: { access: 'workOrder.checkReply' },
        schema: {
          tags: ['工单流转'],
          summary: '按规范回复要求检查一份答复草稿（不保存），返回缺少的部分',
          params: idParams,
          body: z.object({ reply: replyContent }),
          response: {
            200: z.object({
              problems: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { snapshot } = await service.loadVisible(request.params.id, actor);
        const problems = checkReply(request.body.reply, {
          needsCitizenReply: snapshot.needsCitizenReply,
          now: ctx.clock.now(),
          dispatchedAt: snapshot.dispatchedAt,
          // a unit whose leaders sign off in Huiyin does not type the issuer
          issuerSignsOff: snapshot.signOffMode === 'leader',
        });
        return { problems };
      },
    );

    // One route per action, each with its own body schema: the body reaches the service typed as that action's.
    const actionRoute = <A extends Action>(action: A) =>
      app.post(
        `/api/work-orders/:id/${kebab(action)}`,
        {
          config: { access: actionCapability(action) },
          schema: {
            tags: ['工单流转'],
            summary: ACTION_LABELS[action],
            params: idParams,
            body: ACTION_BODIES[action],
            response: { 200: detailResponse, ...errorResponses },
          },
        },
        async (request) => {
          const actor = actorOf(request);
          // The answer is built from what the action loaded and wrote, not read again.
          return detailOf(
            ctx,
            await service.perform(
              request.params.id,
              action,
              actionBody(action, request.body),
              actor,
              request.ip,
            ),
            actor,
          );
        },
      );
    for (const action of ACTIONS) actionRoute(action);

    app.post(
      '/api/work-orders/:id/attachments',
      {
        config: { access: 'workOrder.attach' },
        schema: {
          tags: ['附件'],
          summary: '上传附件（multipart：字段 file，可选字段 purpose）',
          description: `purpose 取值：${Object.entries(ATTACHMENT_PURPOSES)
            .map(([k, v]) => `${k}（${v}）`)
            .join('、')}。只接受 PDF、JPG、PNG、TIFF，最大 20 MB。`,
          params: idParams,
          response: { 201: uploadedAttachment, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { file, purpose } = await uploadedFile(request, 'material');
        const saved = await storeAttachment(
          ctx,
          service,
          request.params.id,
          actor,
          file,
          purpose,
          request.ip,
        );
        reply.status(201);
        return saved;
      },
    );

    app.get(
      '/api/attachments/:id',
      {
        config: { access: 'workOrder.read' },
        schema: { tags: ['附件'], summary: '下载附件', params: idParams },
      },
      async (request, reply) => {
        const { meta, stream } = await openAttachment(ctx, service, request.params.id, actorOf(request));
        return sendStoredFile(reply, meta, stream, 'attachment');
      },
    );
  };
}
