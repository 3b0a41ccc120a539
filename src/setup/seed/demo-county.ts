/**
 * Demo data for a fictional county, 河湾县, used by the demo seed, the tests and the benchmark:
 * data files in ./demo-county/ (units.json, users.json, orders.json, replies.json), read and checked here.
 *
 * Everything here is invented: the county, its townships and villages, every person's name and every
 * phone number. Units follow the county notice on hotline work (its annex is the 登记表): each department and
 * township files the 登记表 (leader in charge, liaisons A and B, remarks, who filled it in); two of them
 * ('watersupply', 'town-gucheng') have not filed yet, so the office's "not filed" list is never empty.
 * Every order's category is a row of shared/data/categories.csv.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { URGENCIES } from '../../domain/deadlines.js';
import { ROLES, type Role, UNIT_KINDS, type UnitKind } from '../../domain/roles.js';
import {
  ORDER_TYPES,
  type OrderType,
  SOURCE_CHANNELS,
  type SourceChannel,
} from '../../domain/workflow/states.js';

export interface DemoPerson {
  name: string;
  title: string;
  officePhone: string;
  mobile: string;
  fax: string;
}

export interface DemoUnit {
  /** Short ascii code, unique. */
  code: string;
  name: string;
  kind: UnitKind;
  /** 职能范围: what matters the unit handles, for dispatchers choosing a unit. */
  remit: string;
  /** What callers and dispatchers also call it (「住建局」「房管」), for the unit pickers. */
  synonyms?: string[];
  /**
   * How its replies are signed off: by its leaders in Huiyin (default), or 'typed' — the issuer
   * typed and the signed scan attached, set by the office for a unit whose leaders have no accounts.
   */
  signOffMode?: 'typed';
  /** The 登记表; absent when the unit has not filed it yet. */
  registration?: {
    leaderInCharge: DemoPerson;
    liaisonA: DemoPerson;
    liaisonB: DemoPerson;
    remarks: string;
    filledBy: string;
    filledByPhone: string;
  };
}

export interface DemoUser {
  username: string;
  name: string;
  unitCode: string;
  roles: Role[];
  phone: string;
}

export interface DemoOrder {
  /** Stable ascii key. */
  key: string;
  channel: SourceChannel;
  /** The city platform's order number, for orders from the city platform. */
  cityOrderNo?: string;
  citizenName: string;
  citizenPhone: string;
  citizenAddress: string;
  /** Code of the township concerned, if any. */
  townshipCode?: string;
  /** A row of categories.csv: level1, level2, level3. */
  category: [string, string, string];
  type: OrderType;
  title: string;
  content: string;
  urgency: 'normal' | 'urgent' | 'leader';
  /** The leader's instruction, for leader-instructed orders. */
  leaderInstruction?: string;
  needsCitizenReply: boolean;
  suggestedLeadUnitCode: string;
  suggestedCoUnitCodes?: string[];
  /** Each co-unit's opinion to the lead, by unit code: what it did or found on this matter. */
  coOpinions?: Record<string, string>;
  /**
   * For the demo's returns: the unit the order was first sent to by mistake, which returns it with
   * this reason, suggesting the unit responsible (named as a unit of the county names itself).
   */
  misdispatch?: { unitCode: string; reason: string; suggestedUnit: string };
}

export const DEMO_PASSWORD = 'Huiyin@2026';

const person = z.strictObject({
  name: z.string(),
  title: z.string(),
  officePhone: z.string(),
  mobile: z.string(),
  fax: z.string(),
});
const unitSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  remit: z.string(),
  synonyms: z.array(z.string()).optional(),
  signOffMode: z.literal('typed').optional(),
  registration: z
    .strictObject({
      leaderInCharge: person,
      liaisonA: person,
      liaisonB: person,
      remarks: z.string(),
      filledBy: z.string(),
      filledByPhone: z.string(),
    })
    .optional(),
});
const userSchema = z.strictObject({
  username: z.string(),
  name: z.string(),
  unitCode: z.string(),
  roles: z.array(z.enum(ROLES)).min(1),
  phone: z.string(),
});
const orderSchema = z.strictObject({
  key: z.string(),
  channel: z.enum(SOURCE_CHANNELS),
  cityOrderNo: z.string().optional(),
  citizenName: z.string(),
  citizenPhone: z.string(),
  citizenAddress: z.string(),
  townshipCode: z.string().optional(),
  category: z.tuple([z.string(), z.string(), z.string()]),
  type: z.enum(ORDER_TYPES),
  title: z.string(),
  content: z.string(),
  urgency: z.enum(URGENCIES),
  leaderInstruction: z.string().optional(),
  needsCitizenReply: z.boolean(),
  suggestedLeadUnitCode: z.string(),
  suggestedCoUnitCodes: z.array(z.string()).optional(),
  coOpinions: z.record(z.string(), z.string()).optional(),
  misdispatch: z
    .strictObject({ unitCode: z.string(), reason: z.string().min(5), suggestedUnit: z.string() })
    .optional(),
});

/** One of the data files, checked against its schema: a typo there fails at once, naming the file. */
function dataFile<T>(name: string, schema: z.ZodType<T>): T[] {
  const file = new URL(`./demo-county/${name}.json`, import.meta.url);
  const parsed = z.array(schema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`demo-county/${name}.json: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export const DEMO_UNITS: DemoUnit[] = dataFile('units', unitSchema);
/** Every unit that signs its replies off in Huiyin has a main leader's account (主要负责人, 阅批). */
export const DEMO_USERS: DemoUser[] = dataFile('users', userSchema);
export const DEMO_ORDERS: DemoOrder[] = dataFile('orders', orderSchema);

/**
 * What a unit found and did about an order of one category (its third level), for the demo's
 * replies: the cause and who is responsible, what was done and when ({day}), and the law or
 * policy the result rests on, as the reply standard asks (事实清楚、结果明确、有据可依).
 */
export interface DemoReplyFacts {
  category: string;
  found: string;
  done: string;
  basis: string;
}
const replySchema = z.strictObject({
  category: z.string(),
  found: z.string(),
  done: z.string().includes('{day}'),
  basis: z.string(),
});
export const DEMO_REPLIES: DemoReplyFacts[] = dataFile('replies', replySchema);

// The files refer to one another by code: a user's unit, an order's units and township.
const unitCodes = new Set(DEMO_UNITS.map((u) => u.code));
for (const code of [
  ...DEMO_USERS.map((u) => u.unitCode),
  ...DEMO_ORDERS.flatMap((o) => [
    o.suggestedLeadUnitCode,
    ...(o.suggestedCoUnitCodes ?? []),
    o.townshipCode ?? '',
    o.misdispatch?.unitCode ?? '',
  ]),
]) {
  if (code !== '' && !unitCodes.has(code)) throw new Error(`demo-county: no unit with code ${code}`);
}
const unitNames = new Set(DEMO_UNITS.map((u) => u.name));
for (const o of DEMO_ORDERS) {
  const missing = (o.suggestedCoUnitCodes ?? []).filter((c) => !o.coOpinions?.[c]);
  if (missing.length > 0)
    throw new Error(`demo-county: order ${o.key} has no opinion of ${missing.join(', ')}`);
  const m = o.misdispatch;
  if (m && (m.unitCode === o.suggestedLeadUnitCode || !unitNames.has(m.suggestedUnit)))
    throw new Error(`demo-county: order ${o.key} is returned by its own lead or to no unit of the county`);
}
