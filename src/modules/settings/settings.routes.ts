import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../server/context.js';
import { who } from '../../server/plugins/auth.js';
import { errorResponses } from '../../server/schemas.js';
import { recomputeRepeatVerdicts } from '../repeats/repeat-figures.js';
import {
  assistantSettingsSchema,
  escalationRuleSchema,
  securitySettingsSchema,
  timeLimitSettingsSchema,
} from './settings.service.js';
import { settingsPatchSchema } from './settings-patch.js';

export function settingsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/settings/time-limits',
      {
        config: { access: 'user' },
        schema: {
          tags: ['设置'],
          summary: '办理时限设置',
          response: { 200: timeLimitSettingsSchema, ...errorResponses },
        },
      },
      async () => ctx.settings.timeLimits(),
    );
    app.put(
      '/api/settings/time-limits',
      {
        config: { access: 'settings.timeLimits' },
        schema: {
          tags: ['设置'],
          summary: '修改办理时限设置（只影响此后开始计算的期限；通知规定的时限只能设得更严）',
          body: settingsPatchSchema(timeLimitSettingsSchema),
          response: { 200: timeLimitSettingsSchema, ...errorResponses },
        },
      },
      async (request) => ctx.settings.setTimeLimits(request.body, who(request)),
    );
    app.get(
      '/api/settings/escalation',
      {
        config: { access: 'user' },
        schema: {
          tags: ['设置'],
          summary: '督办升级规则：已超期工单被催办、电话督办多少次后建议报督查室专项督办',
          response: { 200: escalationRuleSchema, ...errorResponses },
        },
      },
      async () => ctx.settings.escalationRule(),
    );
    app.put(
      '/api/settings/escalation',
      {
        config: { access: 'settings.escalation' },
        schema: {
          tags: ['设置'],
          summary: '修改督办升级规则（记入审计日志，立即生效）',
          body: settingsPatchSchema(escalationRuleSchema),
          response: { 200: escalationRuleSchema, ...errorResponses },
        },
      },
      async (request) => ctx.settings.setEscalationRule(request.body, who(request)),
    );
    app.get(
      '/api/settings/security',
      {
        config: { access: 'security.manage' },
        schema: {
          tags: ['设置'],
          summary: '安全设置（两步验证、会话时长、附件配额、密码有效期与历史）',
          response: { 200: securitySettingsSchema, ...errorResponses },
        },
      },
      async () => ctx.settings.security(),
    );
    app.put(
      '/api/settings/security',
      {
        config: { access: 'security.manage' },
        schema: {
          tags: ['设置'],
          summary: '修改安全设置（记入审计日志）',
          body: settingsPatchSchema(securitySettingsSchema),
          response: { 200: securitySettingsSchema, ...errorResponses },
        },
      },
      async (request) => ctx.settings.setSecurity(request.body, who(request)),
    );
    app.get(
      '/api/settings/assistant',
      {
        config: { access: 'user' },
        schema: {
          tags: ['设置'],
          summary: '派单助手设置：重复件查找范围、聚集性诉求提醒阈值',
          response: { 200: assistantSettingsSchema, ...errorResponses },
        },
      },
      async () => ctx.settings.assistant(),
    );
    app.put(
      '/api/settings/assistant',
      {
        config: { access: 'assistant.settings' },
        schema: {
          tags: ['设置'],
          summary: '修改派单助手设置（县热线办）',
          body: settingsPatchSchema(assistantSettingsSchema),
          response: { 200: assistantSettingsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const saved = await ctx.settings.setAssistant(request.body, who(request));
        // The stored 重复投诉 verdicts follow the new settings: recomputed in the background;
        // until then the unit figures count from the rows (repeats/repeat-figures.ts).
        void recomputeRepeatVerdicts(ctx.db.kysely, saved.repeats).catch((e: unknown) =>
          request.log.error(e, '重复投诉 recompute failed'),
        );
        return saved;
      },
    );
  };
}
