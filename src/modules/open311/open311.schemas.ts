import { z } from 'zod';
import { filled, phoneText, text } from '../../server/schemas.js';

const coord = (min: number, max: number) => z.coerce.number().min(min).max(max);

/** A service request as GeoReport v2 posts it (JSON or form-encoded; numbers may come as text). */
export const open311PostBody = z.object({
  service_code: z.coerce.number().int().positive({ message: 'service_code 须为服务列表中的编号' }),
  description: filled(4000, 10, '问题描述至少 10 个字'),
  address_string: text(200).optional(),
  lat: coord(-90, 90).optional(),
  long: coord(-180, 180).optional(),
  first_name: text(20).optional(),
  last_name: text(20).optional(),
  phone: phoneText.optional(),
  email: text(100).optional(),
  api_key: z.string().optional().describe('也可用 Authorization: Bearer 或 X-Api-Key 请求头提供'),
});
export type Open311PostInput = z.infer<typeof open311PostBody>;

const isoOrDate = z.iso.datetime({ offset: true, message: '时间须为 ISO 8601 格式' });

export const open311ListQuery = z.object({
  service_request_id: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'service_request_id 须为逗号分隔的编号')
    .optional(),
  service_code: z.coerce.number().int().positive().optional(),
  start_date: isoOrDate.optional(),
  end_date: isoOrDate.optional(),
  status: z.enum(['open', 'closed', 'open,closed', 'closed,open']).optional(),
});
export type Open311ListQuery = z.infer<typeof open311ListQuery>;

export const open311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: z.string(),
});

export const open311Request = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string(),
  service_name: z.string().nullable(),
  service_code: z.string().nullable(),
  description: z.string(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string(),
  address_id: z.null(),
  zipcode: z.null(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.null(),
});
export type Open311Request = z.infer<typeof open311Request>;

export const open311Created = z.array(
  z.object({ service_request_id: z.string(), service_notice: z.string(), account_id: z.null() }),
);

/** GeoReport v2 errors: a list of { code, description }. */
export const open311Errors = z.array(z.object({ code: z.number(), description: z.string() }));
