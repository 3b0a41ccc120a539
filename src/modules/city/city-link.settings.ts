import { z } from 'zod';
import { CITY_RESULT_FIELDS } from '../../domain/city-link.js';

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * How Huiyin talks to the city platform, set by the administrator and checked when saved:
 * where results go, where the order list is (when the city offers no push), the key, and the
 * city's names for the result fields.
 */
export const fieldMappingSchema = z
  .partialRecord(
    z.enum(CITY_RESULT_FIELDS, { error: `字段映射只能包含：${CITY_RESULT_FIELDS.join('、')}` }),
    z.string().trim().regex(FIELD_NAME, '市平台字段名只能由字母、数字、下划线组成（可用 . 表示嵌套）'),
  )
  .default({})
  .superRefine((mapping, check) => {
    const problem = mappingClash(mapping);
    if (problem) check.addIssue({ code: 'custom', message: problem });
  });

/**
 * Why the names the results would be written under cannot all be written, or null: each field
 * goes under its mapped name, or its own when unmapped, so two fields may not share one, and a
 * name may not be both a field and the parent of another (`x` and `x.y`).
 */
function mappingClash(mapping: Partial<Record<(typeof CITY_RESULT_FIELDS)[number], string>>): string | null {
  const names = CITY_RESULT_FIELDS.map((f) => mapping[f] ?? f);
  if (new Set(names).size !== names.length)
    return '字段映射中有两个字段映射到同一个名字（未映射的字段保留原名）';
  for (const name of names) {
    const child = names.find((other) => other.startsWith(`${name}.`));
    if (child) return `市平台字段名「${name}」既是一个字段，又是「${child}」的上一级，无法同时写出`;
  }
  return null;
}

export const cityLinkSettingsSchema = z.object({
  enabled: z.boolean().describe('是否向市平台回传办理结果'),
  adapter: z.literal('json').default('json').describe('接口格式（通用 JSON）'),
  resultsUrl: z.url({ protocol: /^https?$/, error: '请填写以 http:// 或 https:// 开头的结果回传地址' }),
  ordersUrl: z
    .url({ protocol: /^https?$/, error: '请填写以 http:// 或 https:// 开头的工单列表地址' })
    .nullable()
    .default(null)
    .describe('市平台工单列表地址（市平台不推送时由回音定时拉取）'),
  statusesUrl: z
    .url({ protocol: /^https?$/, error: '请填写以 http:// 或 https:// 开头的工单状态地址' })
    .nullable()
    .default(null)
    .describe('市平台工单状态地址（每日对账用）'),
  key: z.string().trim().min(8, '接口密钥至少 8 个字符').max(200),
  timeoutMs: z.number().int().min(500).max(60_000).default(10_000).describe('单次请求超时（毫秒）'),
  maxAttempts: z.number().int().min(1).max(30).default(8).describe('最多尝试次数，之后转入失败队列'),
  pollEverySeconds: z
    .number()
    .int()
    .min(5, '拉取间隔不少于 5 秒')
    .max(86_400, '拉取间隔不超过一天')
    .nullable()
    .default(null)
    .describe('拉取市平台工单列表的间隔（秒）；不填则不拉取'),
  fieldMapping: fieldMappingSchema,
});
export type CityLinkSettings = z.infer<typeof cityLinkSettingsSchema>;

/** The settings as the administrator sends them: the key may be left blank to keep the stored one. */
export const cityLinkSettingsInput = cityLinkSettingsSchema.extend({
  key: cityLinkSettingsSchema.shape.key
    .optional()
    .nullable()
    .or(z.literal(''))
    .describe('留空则保持原密钥（地址改到另一台服务器时须重新填写）'),
});
export type CityLinkSettingsInput = z.infer<typeof cityLinkSettingsInput>;
