import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { errorResponses } from '../../server/schemas.js';

const modelFacts = z.object({
  trainedAt: z.string(),
  orders: z.number().describe('学习过的历史工单数（0 表示只用了单位职能和分类目录）'),
  returns: z.number().describe('计入的回退次数（回退单位对该类诉求减分）'),
  units: z.number(),
  categories: z.number(),
  seconds: z.number().describe('训练用时（秒）'),
});
const status = z.object({
  model: modelFacts.nullable(),
  training: z.boolean(),
  lastError: z.string().nullable(),
});
const confidence = z.number().min(0).max(1).describe('模型给出的概率，0–1');

/** The dispatcher's assistant: suggested categories and lead units while an order is typed. */
export function assistantRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/assistant/dispatch-suggestions',
      {
        config: { access: 'assistant.use' },
        schema: {
          tags: ['派单助手'],
          summary: '按标题和内容推荐最可能的三个分类和三个牵头单位（附置信度）',
          body: z.object({
            title: z.string().max(200).default(''),
            content: z.string().max(8000).default(''),
            orderId: z
              .number()
              .int()
              .positive()
              .optional()
              .describe('派发的工单：被单位回退的，不推荐回退过的单位，回退时建议的承办单位排在最前'),
          }),
          response: {
            200: z.object({
              categories: z.array(
                z.object({ categoryId: z.number(), path: z.array(z.string()).length(3), confidence }),
              ),
              units: z.array(
                z.object({
                  unitId: z.number(),
                  name: z.string(),
                  confidence,
                  suggestedByReturn: z.boolean().describe('回退单位建议的承办单位（排在最前）'),
                  namedInText: z
                    .boolean()
                    .describe(
                      '诉求内容里提到了这个单位（如「希望自然资源部门来查处」）；模型排名不在前三时附在后面',
                    ),
                }),
              ),
              returned: z
                .array(z.object({ unitId: z.number(), name: z.string(), reason: z.string() }))
                .describe('回退过本工单的单位及回退理由：不再推荐'),
              model: modelFacts,
            }),
            ...errorResponses,
          },
        },
      },
      async (request) =>
        ctx.assistant.suggest(request.body.title, request.body.content, request.body.orderId),
    );
    app.get(
      '/api/assistant/dispatch-model',
      {
        config: { access: 'assistant.use' },
        schema: {
          tags: ['派单助手'],
          summary: '派单模型的状态：训练时间、学习的工单数、是否正在训练',
          response: { 200: status, ...errorResponses },
        },
      },
      async () => ctx.assistant.status(),
    );
    app.post(
      '/api/assistant/dispatch-model/retrain',
      {
        config: { access: 'assistant.use' },
        schema: {
          tags: ['派单助手'],
          summary: '立即按最新历史重新训练（后台进行，训练完成后替换，服务不中断）',
          response: { 202: status, ...errorResponses },
        },
      },
      async (_request, reply) => {
        ctx.assistant
          .retrain()
          .catch((err: unknown) => app.log.error({ err }, 'dispatch model training failed'));
        reply.status(202);
        return ctx.assistant.status();
      },
    );
  };
}
