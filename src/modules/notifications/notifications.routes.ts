import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotificationRepository } from '../../db/repositories/notification.repository.js';
import { refuse } from '../../domain/refusal.js';
import type { AppContext } from '../../server/context.js';
import { actorOf, who } from '../../server/plugins/auth.js';
import { errorResponses, idParams } from '../../server/schemas.js';
import { whenSessionEnds } from '../auth/session-events.js';
import { settingsPatchSchema } from '../settings/settings-patch.js';
import { saveChannelSettings } from './channel-settings.js';
import { channelSettingsSchema, maskedChannels } from './channels.js';
import { LiveNotifications, type LiveStream } from './live-stream.js';

const notification = z.object({
  id: z.number(),
  orderId: z.number().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const notices = new NotificationRepository(ctx.db.kysely);
  const unread = (userId: number) => notices.unread(userId);

  return async (app) => {
    const live = new LiveNotifications(ctx);
    app.addHook('onClose', async () => live.stop());
    app.get(
      '/api/notifications',
      {
        config: { access: 'user' },
        schema: {
          tags: ['通知'],
          summary: '我的通知与未读数',
          querystring: z.object({
            unreadOnly: z.enum(['1']).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: {
            200: z.object({ unread: z.number(), items: z.array(notification) }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const unreadOnly = request.query.unreadOnly === '1';
        const items = await notices.listFor(actor.userId, { unreadOnly, limit: request.query.limit });
        return { unread: await unread(actor.userId), items };
      },
    );

    app.post(
      '/api/notifications/:id/read',
      {
        config: { access: 'user' },
        schema: {
          tags: ['通知'],
          summary: '标为已读',
          params: idParams,
          response: { 200: z.object({ unread: z.number() }), ...errorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const found = await notices.markRead(actor.userId, request.params.id, ctx.clock.now().toISOString());
        if (!found) refuse('not_found', 'NOTIFICATION_NOT_FOUND', '通知不存在。');
        return { unread: await unread(actor.userId) };
      },
    );

    app.post(
      '/api/notifications/read-all',
      {
        config: { access: 'user' },
        schema: {
          tags: ['通知'],
          summary: '全部标为已读',
          response: { 200: z.object({ unread: z.number() }), ...errorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await notices.markAllRead(actor.userId, ctx.clock.now().toISOString());
        return { unread: 0 };
      },
    );

    app.get(
      '/api/notifications/stream',
      {
        config: { access: 'user' },
        schema: {
          tags: ['通知'],
          summary: '通知实时推送（Server-Sent Events:unread 事件带未读数和最新一条）',
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        reply.hijack();
        // Hijacked: Fastify sends nothing of its own, so the headers set so far (security) go here.
        reply.raw.writeHead(200, {
          ...(reply.getHeaders() as OutgoingHttpHeaders),
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        let closed = false;
        const sessionId = request.sessionId as string;
        const stream: LiveStream = {
          userId: actor.userId,
          sessionId,
          lastId: -1,
          write: (chunk) => {
            if (!closed) reply.raw.write(chunk);
          },
          // The stream lives no longer than its session: logout, expiry, ended by the user elsewhere.
          end: () => {
            if (closed) return;
            reply.raw.end('event: ended\ndata: {}\n\n');
            done();
          },
        };
        const done = () => {
          closed = true;
          unsubscribe();
          live.close(stream);
        };
        // This process's own logouts close the stream at once; other processes' through the bus.
        const unsubscribe = whenSessionEnds(sessionId, stream.end);
        request.raw.on('close', done);
        await live.open(stream);
        if (closed) live.close(stream);
      },
    );

    app.get(
      '/api/settings/notification-channels',
      {
        config: { access: 'channel.manage' },
        schema: {
          tags: ['设置'],
          summary: '通知渠道与自动催办设置',
          response: { 200: channelSettingsSchema, ...errorResponses },
        },
      },
      async () => maskedChannels(await ctx.settings.channels()),
    );
    app.put(
      '/api/settings/notification-channels',
      {
        config: { access: 'channel.manage' },
        schema: {
          tags: ['设置'],
          summary:
            '修改通知渠道（短信网关、企业微信、钉钉群机器人、邮件）与自动催办；地址的主机写成本机回环、链路本地等不外发的 IP 时拒绝（OUTBOUND_ADDRESS_NOT_ALLOWED）',
          body: settingsPatchSchema(channelSettingsSchema),
          response: { 200: channelSettingsSchema, ...errorResponses },
        },
      },
      async (request) => saveChannelSettings(ctx, request.body, who(request)),
    );

    app.get(
      '/api/deliveries',
      {
        config: { access: 'delivery.read' },
        schema: {
          tags: ['通知'],
          summary: '外发记录（每次发送的渠道、对象、状态、重试次数、错误）',
          querystring: z.object({ status: z.enum(['pending', 'sending', 'sent', 'failed']).optional() }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.number(),
                  notificationId: z.number(),
                  channel: z.string(),
                  target: z.string(),
                  status: z.string(),
                  attempts: z.number(),
                  lastError: z.string().nullable(),
                  createdAt: z.string(),
                  sentAt: z.string().nullable(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        return { items: await notices.recentDeliveries(request.query.status) };
      },
    );
  };
}
