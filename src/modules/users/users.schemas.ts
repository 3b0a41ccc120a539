import { z } from 'zod';
import { ROLES } from '../../domain/roles.js';
import { isoDate } from '../../server/schemas.js';

export const userBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9._-]{2,40}$/, '用户名只能用小写字母、数字和 . _ -'),
  name: z.string().trim().min(2).max(20),
  unitId: z.number().int().positive(),
  roles: z.array(z.enum(ROLES)).min(1, '至少选择一个角色'),
  phone: z.string().trim().max(20).default(''),
  email: z
    .email('邮箱格式不正确，如 liu@hewan.gov.cn')
    .max(200)
    .nullable()
    .default(null)
    .describe('邮箱（没有填 null）：通知渠道开启电子邮件时，通知发到这里'),
  active: z.boolean().default(true),
  liaisonSlot: z
    .enum(['A', 'B'])
    .nullable()
    .default(null)
    .describe('AB 角：A 角为主，B 角在 A 角不在岗时接办'),
  awayFrom: isoDate.nullable().default(null),
  awayUntil: isoDate.nullable().default(null),
  awayNote: z.string().trim().max(200).nullable().default(null),
});

export const userSchema = userBody.extend({
  id: z.number(),
  unitName: z.string(),
  roleLabels: z.array(z.string()),
  totpEnabled: z.boolean().describe('已启用两步验证'),
  version: z.number().describe('每次修改加 1；修改时带上打开表单时的版本号，已被他人修改则拒绝（409）'),
});

/** A system-made initial password, in the one answer that gives it (domain/initial-password.ts). */
export const initialPasswordAnswer = z.object({
  initialPassword: z.object({
    password: z.string().describe('一次性初始密码：只显示这一次，系统只保存摘要'),
    expiresAt: z.string().describe('过期时间：此前未登录修改的，登录被拒（INITIAL_PASSWORD_EXPIRED）'),
  }),
});
