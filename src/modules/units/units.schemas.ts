import { z } from 'zod';
import { UNIT_KINDS } from '../../domain/roles.js';

export const person = z.object({
  name: z.string().trim().min(2, '请填写姓名').max(20),
  title: z.string().trim().max(40).default(''),
  officePhone: z.string().trim().max(20).default(''),
  mobile: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '手机号码应为 11 位'),
  fax: z.string().trim().max(20).default(''),
});

/** The notice's annex: 市民服务热线承办单位分管领导及联络员登记表. */
export const registrationSchema = z.object({
  leaderInCharge: person,
  liaisonA: person,
  liaisonB: person,
  remarks: z.string().trim().max(500).default(''),
  filledBy: z.string().trim().min(2, '请填写填报人').max(20),
  filledByPhone: z.string().trim().min(5, '请填写填报人联系电话').max(20),
});
export type Registration = z.infer<typeof registrationSchema>;

/** A unit as the office creates or edits it. */
export const unitBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,40}$/, '单位代码只能用小写字母、数字和连字符'),
  name: z.string().trim().min(2, '单位名称至少 2 个字').max(60, '单位名称不能超过 60 个字'),
  kind: z.enum(UNIT_KINDS),
  remit: z.string().trim().max(1000).default(''),
  active: z.boolean().default(true),
});
export type UnitInput = z.infer<typeof unitBody>;
