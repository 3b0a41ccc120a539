import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppRefusal, type RefusalKind } from '../../domain/refusal.js';

const STATUS: Record<RefusalKind, number> = {
  invalid: 400,
  rule: 422,
  state: 409,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  not_found: 404,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const FASTIFY_MESSAGES: Record<string, [string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['INVALID_JSON', '请求内容不是有效的 JSON。'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['INVALID_JSON', '请求内容为空,请填写后再提交。'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['BODY_TOO_LARGE', '提交的内容过大。'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型。'],
  FST_REQ_FILE_TOO_LARGE: ['FILE_TOO_LARGE', '上传的文件超过大小限制。'],
};

/**
 * One place turns every failure into `{ error: { code, message } }` with a Chinese message:
 * refusals by their kind, schema violations as 400 naming the fields, and anything
 * unexpected as a logged 500 that reveals nothing internal.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppRefusal) {
      const body: ErrorBody = { error: { code: err.code, message: err.message, details: err.details } };
      return reply.status(STATUS[err.kind]).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        field: `${err.validationContext ?? ''}${v.instancePath.replaceAll('/', '.')}`,
        message: v.message ?? '格式不正确',
      }));
      const list = fields.map((f) => `${f.field.replace(/^body\./, '')}:${f.message}`).join(';');
      return reply.status(400).send({
        error: { code: 'VALIDATION_FAILED', message: `提交的内容不符合要求:${list}`, details: { fields } },
      });
    }
    const known = err.code ? FASTIFY_MESSAGES[err.code] : undefined;
    if (known)
      return reply.status(err.statusCode ?? 400).send({ error: { code: known[0], message: known[1] } });
    if (isResponseSerializationError(err))
      request.log.error({ err, cause: err.cause }, 'response does not match schema');
    else request.log.error({ err }, 'unexpected error');
    if (err.statusCode && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: { code: 'BAD_REQUEST', message: '请求无效。' } });
    }
    return reply.status(500).send({
      error: { code: 'INTERNAL', message: '服务器内部错误,请稍后重试;如持续出现请联系系统管理员。' },
    });
  });
}

/** The answer to a request no route matches. */
export function notFound(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .status(404)
    .send({ error: { code: 'NOT_FOUND', message: `没有这个接口:${request.method} ${request.url}` } });
}
