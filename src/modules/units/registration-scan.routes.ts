import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ATTACHMENT_PURPOSES } from '../../domain/attachment-purpose.js';
import { can } from '../../domain/policy.js';
import { refuse } from '../../domain/refusal.js';
import type { AppContext } from '../../server/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { errorResponses, idParams } from '../../server/schemas.js';
import { sendStoredFile, uploadedAttachment, uploadedFile } from '../../server/uploads.js';
import { RegistrationScanService } from './registration-scan.service.js';

/** The stamped registration form's scan: uploaded for one unit's registration, read by those who read the form. */
export function registrationScanRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const scans = new RegistrationScanService(ctx);
  return async (app) => {
    app.post(
      '/api/units/:id/registration/scans',
      {
        config: { access: 'unit.editRegistration' },
        schema: {
          tags: ['单位'],
          summary:
            '上传本单位加盖公章的登记表扫描件（multipart：字段 file，可选字段 purpose，默认 registration_scan）',
          description: `purpose 取值：${Object.keys(ATTACHMENT_PURPOSES).join('、')}；保存登记表时只认 registration_scan。只接受 PDF、JPG、PNG、TIFF。`,
          params: idParams,
          response: { 201: uploadedAttachment, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        scans.mayEdit(actor, request.params.id);
        const { file, purpose } = await uploadedFile(request, 'registration_scan');
        reply.status(201);
        return scans.upload(actor, request.params.id, file, purpose);
      },
    );

    app.get(
      '/api/units/:id/registration/scan',
      {
        config: { access: 'unit.readRegistration' },
        schema: { tags: ['单位'], summary: '下载单位登记表的盖章扫描件', params: idParams },
      },
      async (request, reply) => {
        if (!can(actorOf(request), 'unit.readRegistration', { kind: 'unit', unitId: request.params.id }))
          refuse('not_found', 'REGISTRATION_SCAN_NOT_FOUND', '该单位的登记表尚未附盖章扫描件。');
        const { meta, stream } = await scans.open(request.params.id);
        return sendStoredFile(reply, meta, stream, 'inline');
      },
    );
  };
}
