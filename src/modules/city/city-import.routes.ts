import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IMPORT_FIELD_INFO, IMPORT_FIELDS } from '../../domain/city-import.js';
import { refuse } from '../../domain/refusal.js';
import type { AppContext } from '../../server/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { errorResponses, errorSchema } from '../../server/schemas.js';
import { CityImportService } from './city-import.service.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from './spreadsheet-reader.js';
import { XLSX_MAX_UNPACKED_BYTES } from './xlsx-unpacked-size.js';

/** The office imports the city's order export when the link is down (issue 10, item 6). */

const problem = z.object({ column: z.string().describe('表格中的列名'), message: z.string() });
const fieldKey = z.enum(IMPORT_FIELDS);
const mappingShape = z.object(
  Object.fromEntries(IMPORT_FIELDS.map((f) => [f, z.string().nullable()])) as Record<
    (typeof IMPORT_FIELDS)[number],
    z.ZodNullable<z.ZodString>
  >,
);

const previewView = z.object({
  id: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().describe('过期后须重新上传'),
  status: z.enum(['open', 'confirming', 'confirmed']),
  headers: z.array(z.string()).describe('表头（表格第一行非空行）'),
  mapping: mappingShape.describe('字段 → 表头'),
  mappingSaved: z.boolean().describe('当前列对应关系已保存，以后表头相同的文件自动套用'),
  mappingProblems: z.array(z.string()),
  counts: z.object({ create: z.number(), update: z.number(), unchanged: z.number(), refused: z.number() }),
  rows: z.array(
    z.object({
      row: z.number().describe('表格中的行号'),
      cityOrderNo: z.string(),
      title: z.string(),
      outcome: z.enum(['create', 'update', 'unchanged', 'refused']),
      orderCode: z.string().nullable(),
      changes: z.string().nullable(),
      problems: z.array(problem),
    }),
  ),
  result: z
    .object({
      confirmedAt: z.string(),
      counts: z.object({
        created: z.number(),
        updated: z.number(),
        unchanged: z.number(),
        refused: z.number(),
        failed: z.number(),
      }),
      rows: z.array(
        z.object({
          row: z.number(),
          cityOrderNo: z.string(),
          outcome: z.enum(['created', 'updated', 'unchanged', 'refused', 'failed']),
          orderId: z.number().nullable(),
          orderCode: z.string().nullable(),
          message: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
});

const previewParams = z.object({ id: z.uuid('导入预览编号格式不正确') });

export function cityImportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new CityImportService(ctx);
  const tags = ['市平台对接'];
  const access = 'cityLink.import';
  return async (app) => {
    app.get(
      '/api/city-link/import-fields',
      {
        config: { access },
        schema: {
          tags,
          summary: '导入表格时可对应的字段',
          response: {
            200: z.object({
              fields: z.array(z.object({ key: fieldKey, label: z.string(), required: z.boolean() })),
              maxRows: z.number(),
              maxBytes: z.number(),
            }),
            ...errorResponses,
          },
        },
      },
      async () => ({
        fields: IMPORT_FIELDS.map((key) => ({
          key,
          label: IMPORT_FIELD_INFO[key].label,
          required: IMPORT_FIELD_INFO[key].required,
        })),
        maxRows: IMPORT_MAX_ROWS,
        maxBytes: IMPORT_MAX_BYTES,
      }),
    );
    app.post(
      '/api/city-link/imports',
      {
        config: { access },
        schema: {
          tags,
          summary: '上传市平台导出的表格（multipart：字段 file），返回预览',
          description: `只接受 .xlsx 和 .csv（UTF-8 或 GBK），最大 ${IMPORT_MAX_BYTES / 1024 / 1024} MB、${IMPORT_MAX_ROWS} 行；.xlsx 解压后最大 ${XLSX_MAX_UNPACKED_BYTES / 1024 / 1024} MB。`,
          response: { 201: previewView, ...errorResponses, 413: errorSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          refuse('invalid', 'MULTIPART_REQUIRED', '请以文件上传（multipart/form-data）的方式提交表格。');
        const file = await request.file({
          limits: { fileSize: IMPORT_MAX_BYTES },
          throwFileSizeLimit: false,
        });
        if (!file) refuse('invalid', 'FILE_REQUIRED', '请选择要导入的表格文件。');
        const buffer = await file.toBuffer();
        if (file.file.truncated)
          refuse(
            'too_large',
            'IMPORT_FILE_TOO_LARGE',
            `文件超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，请分成几个文件导入。`,
          );
        const view = await service.upload(buffer, file.filename, actorOf(request));
        reply.status(201);
        return view;
      },
    );
    app.get(
      '/api/city-link/imports/:id',
      {
        config: { access },
        schema: {
          tags,
          summary: '查看导入预览（确认后含结果）',
          params: previewParams,
          response: { 200: previewView, ...errorResponses },
        },
      },
      async (request) => service.view(request.params.id, actorOf(request)),
    );
    app.put(
      '/api/city-link/imports/:id/mapping',
      {
        config: { access },
        schema: {
          tags,
          summary: '修改列对应关系并重新预览；save 为 true 时保存，以后表头相同的文件自动套用',
          params: previewParams,
          body: z.object({
            mapping: z.partialRecord(fieldKey, z.string().trim().max(100).nullable()),
            save: z.boolean().default(false),
          }),
          response: { 200: previewView, ...errorResponses },
        },
      },
      async (request) =>
        service.remap(request.params.id, request.body.mapping, request.body.save, actorOf(request)),
    );
    app.post(
      '/api/city-link/imports/:id/confirm',
      {
        config: { access },
        schema: {
          tags,
          summary: '确认导入预览中的工单（每行一个事务；再次确认返回第一次的结果）',
          params: previewParams,
          response: { 200: previewView, ...errorResponses },
        },
      },
      async (request) => service.confirm(request.params.id, actorOf(request), request.ip),
    );
  };
}
