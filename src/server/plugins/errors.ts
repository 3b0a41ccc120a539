import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isStalePlan } from '../../db/pg-named-statements.js';
import { AppRefusal, type RefusalKind } from '../../domain/refusal.js';
import { invalidFieldsMessage } from '../field-labels.js';

const STATUS: Record<RefusalKind, number> = {
  invalid: 400,
  too_large: 413,
  rule: 422,
  state: 409,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  rate_limited: 429,
  not_found: 404,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Fastify's and its plugins' own errors, by code, in the app's words. */
const FASTIFY_MESSAGES: Record<string, [string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['INVALID_JSON', '请求内容不是有效的 JSON。'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['INVALID_JSON', '请求内容为空，请填写后再提交。'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['BODY_TOO_LARGE', '提交的内容过大。'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型。'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['BAD_REQUEST', '请求长度与内容不符。'],
  FST_ERR_CTP_INVALID_TYPE: ['UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型。'],
  FST_ERR_BAD_URL: ['BAD_URL', '网址格式不正确（含有无法识别的字符）。'],
  FST_ERR_MAX_PARAM_LENGTH: ['BAD_URL', '网址过长。'],
  FST_ERR_ASYNC_CONSTRAINT: ['BAD_REQUEST', '请求无效。'],
  FST_ERR_VALIDATION: ['VALIDATION_FAILED', '提交的内容不符合要求。'],
  FST_REQ_FILE_TOO_LARGE: ['FILE_TOO_LARGE', '上传的文件超过大小限制。'],
  FST_FILES_LIMIT: ['TOO_MANY_FILES', '一次只能上传一个文件。'],
  FST_PARTS_LIMIT: ['TOO_MANY_PARTS', '上传表单的项目过多。'],
  FST_FIELDS_LIMIT: ['TOO_MANY_PARTS', '上传表单的项目过多。'],
  FST_PROTO_VIOLATION: ['MALFORMED_MULTIPART', '上传表单含有不允许的字段名。'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: ['NOT_MULTIPART', '上传文件须以 multipart/form-data 提交。'],
  FST_INVALID_JSON_FIELD_ERROR: ['MALFORMED_MULTIPART', '上传表单中的 JSON 字段格式不正确。'],
  FST_MP_PREMATURE_CLOSE: ['MALFORMED_MULTIPART', '上传中断，请重试。'],
  TOO_MANY_REQUESTS: ['TOO_MANY_REQUESTS', '尝试过于频繁，请稍后再试。'],
};

/** The generic words for a client error of this status whose code is not known. */
const BY_STATUS: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', '请求格式不正确。'],
  404: ['NOT_FOUND', '没有这个接口。'],
  405: ['METHOD_NOT_ALLOWED', '不支持这种请求方式。'],
  406: ['NOT_ACCEPTABLE', '请求的内容类型不被接受。'],
  413: ['BODY_TOO_LARGE', '提交的内容过大。'],
  414: ['BAD_URL', '网址过长。'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型。'],
  429: ['TOO_MANY_REQUESTS', '尝试过于频繁，请稍后再试。'],
};

/** Messages of the multipart parser (busboy), which throws plain errors for a malformed upload. */
const MALFORMED_MULTIPART =
  /Unexpected end of (form|multipart)|Malformed (part header|urlencoded form)|Boundary not found|Multipart: |Part terminated early|Malformed content/i;

/** Database errors that an input caused, not a fault: a duplicate, or a value out of the column's range. */
function databaseRefusal(err: { code?: unknown; message?: string }): [number, string, string] | null {
  const code = typeof err.code === 'string' ? err.code : '';
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return [409, 'DUPLICATE', '相同名称或编号的记录已经存在（可能刚被别人创建），请刷新后检查。'];
  if (code === '22003' || code === '22008' || code === '22007' || code === '22P02' || code === '22001')
    return [400, 'VALUE_OUT_OF_RANGE', '提交的数值或日期超出了允许的范围。'];
  return null;
}

/** Turns any error into the status and `{ error: { code, message } }` body the app answers with. */
export function describeError(err: FastifyError): { status: number; body: ErrorBody } | null {
  if (err instanceof AppRefusal)
    return {
      status: STATUS[err.kind],
      body: { error: { code: err.code, message: err.message, details: err.details } },
    };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = err.validation.map((v) => ({
      field: `${err.validationContext ?? ''}${v.instancePath.replaceAll('/', '.')}`,
      message: v.message ?? '格式不正确',
    }));
    return {
      status: 400,
      body: {
        error: { code: 'VALIDATION_FAILED', message: invalidFieldsMessage(fields), details: { fields } },
      },
    };
  }
  const known = err.code ? FASTIFY_MESSAGES[err.code] : undefined;
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : null;
  if (known) return { status: status ?? 400, body: { error: { code: known[0], message: known[1] } } };
  if (isStalePlan(err)) return { status: 503, body: STALE_PLAN };
  const db = databaseRefusal(err);
  if (db) return { status: db[0], body: { error: { code: db[1], message: db[2] } } };
  if (!status && MALFORMED_MULTIPART.test(err.message ?? ''))
    return {
      status: 400,
      body: { error: { code: 'MALFORMED_MULTIPART', message: '上传的表单格式不正确。' } },
    };
  if (status) {
    const [code, message] = BY_STATUS[status] ?? ['BAD_REQUEST', '请求无效。'];
    return { status, body: { error: { code, message } } };
  }
  return null;
}

/**
 * A statement kept prepared on PostgreSQL met a table whose columns a newer process's migration
 * had just changed (a rolling upgrade). Its transaction is rolled back, so nothing was written, and
 * the connection prepares its statements again: the same request succeeds when sent again, which
 * the web app does once by itself (web/src/api/client.ts).
 */
const STALE_PLAN: ErrorBody = {
  error: { code: 'RETRY_AFTER_UPGRADE', message: '数据库结构刚刚升级，本次操作没有保存，请重新提交。' },
};

const INTERNAL: ErrorBody = {
  error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试；如持续出现请联系系统管理员。' },
};

/**
 * One place turns every failure into `{ error: { code, message } }` with a Chinese message:
 * refusals by their kind, schema violations as 400 naming the fields, Fastify's and the
 * database's input errors as 4xx, and anything unexpected as a logged 500 that reveals nothing.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const described = describeError(err);
    if (described?.body === STALE_PLAN)
      request.log.warn({ err }, 'stale prepared statement, nothing written');
    if (described) return reply.status(described.status).send(described.body);
    if (isResponseSerializationError(err))
      request.log.error({ err, cause: err.cause }, 'response does not match schema');
    else request.log.error({ err }, 'unexpected error');
    return reply.status(500).send(INTERNAL);
  });
}

/** Errors Fastify answers before any route (a malformed URL): the same shape and language. */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const described = describeError(err) ?? {
    status: 400,
    body: { error: { code: 'BAD_REQUEST', message: '请求无效。' } },
  };
  return reply.status(described.status).send(described.body);
}

/** The answer to a request no route matches. */
export function notFound(request: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send({
    error: { code: 'NOT_FOUND', message: `没有这个接口：${request.method} ${request.url.slice(0, 200)}` },
  });
}
