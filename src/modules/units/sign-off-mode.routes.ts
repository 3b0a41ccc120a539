import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SIGN_OFF_MODES } from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import { who } from '../../server/plugins/auth.js';
import { errorResponses, idParams } from '../../server/schemas.js';
import { SignOffModeService } from './sign-off-mode.service.js';

export function signOffModeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new SignOffModeService(ctx);
  return async (app) => {
    app.put(
      '/api/units/:id/sign-off-mode',
      {
        config: { access: 'unit.setSignOffMode' },
        schema: {
          tags: ['单位'],
          summary: '设置单位答复的签发方式：单位领导在系统中签发（默认），或手填签发人、附签发件扫描件',
          params: idParams,
          body: z.object({ mode: z.enum(SIGN_OFF_MODES) }),
          response: {
            200: z.object({ unitId: z.number(), signOffMode: z.enum(SIGN_OFF_MODES), label: z.string() }),
            ...errorResponses,
          },
        },
      },
      async (request) => service.set(request.params.id, request.body.mode, who(request)),
    );
  };
}
