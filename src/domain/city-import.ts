import { ORDER_TYPE_LABELS, ORDER_TYPES, type OrderType } from './workflow/states.js';

/**
 * The city's order export (a spreadsheet) read row by row: which column holds which field of an
 * order, and whether a row makes a valid order. Pure, so the office's preview and the confirmed
 * import apply exactly the same rules (issue 10, item 6).
 */

export const IMPORT_FIELDS = [
  'cityOrderNo',
  'citizenName',
  'citizenPhone',
  'citizenAddress',
  'category',
  'type',
  'title',
  'content',
  'cityDeadline',
  'urgency',
  'needsCitizenReply',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

interface FieldInfo {
  label: string;
  required: boolean;
  /** Header names the city's exports are known to use, tried when no mapping is saved. */
  aliases: readonly string[];
}

export const IMPORT_FIELD_INFO: Record<ImportField, FieldInfo> = {
  cityOrderNo: {
    label: '市平台工单编号',
    required: true,
    aliases: ['工单编号', '工单号', '市工单编号', '编号'],
  },
  citizenName: { label: '来电人姓名', required: true, aliases: ['来电人', '姓名', '诉求人', '联系人'] },
  citizenPhone: { label: '联系电话', required: true, aliases: ['来电号码', '电话', '手机号码', '联系方式'] },
  citizenAddress: { label: '地址', required: false, aliases: ['诉求地址', '事发地址', '联系地址'] },
  category: { label: '诉求分类', required: false, aliases: ['分类', '问题分类', '业务分类'] },
  type: { label: '诉求类型', required: true, aliases: ['类型', '工单类型', '来电类型'] },
  title: { label: '标题', required: true, aliases: ['诉求标题', '工单标题', '主题'] },
  content: { label: '诉求内容', required: true, aliases: ['内容', '来电内容', '问题描述', '工单内容'] },
  cityDeadline: { label: '市平台办理期限', required: false, aliases: ['办理期限', '办结期限', '期限'] },
  urgency: { label: '紧急程度', required: false, aliases: ['缓急程度', '是否紧急'] },
  needsCitizenReply: { label: '是否需要回复', required: false, aliases: ['需要回复', '是否回复'] },
};

/** Which header (as written in the file) each field is read from; a field absent is not imported. */
export type ColumnMapping = Partial<Record<ImportField, string>>;

/**
 * A header as compared: full-width and half-width forms alike (NFKC), without any spaces
 * (ideographic ones too), case-insensitive, without a trailing colon. 「联系电话 」 and
 * 「联系电话：」 and 「联系 电话」 are the same column.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[\s\u200b\ufeff]+/g, '')
    .replace(/:+$/, '')
    .toLowerCase();
}

/** The file's columns as a key: the same headers in any order, written any of the ways above. */
export function headerSignature(headers: readonly string[]): string {
  return [...new Set(headers.map(normalizeHeader).filter(Boolean))].sort().join('|');
}

/** The header of the file that matches `wanted`, as the file writes it. */
function findHeader(headers: readonly string[], wanted: string): string | undefined {
  const key = normalizeHeader(wanted);
  return headers.find((h) => normalizeHeader(h) === key);
}

/**
 * The mapping for a file: a saved mapping's columns where the file has them, otherwise the
 * field's own label or a known alias. Each header serves one field at most.
 */
export function suggestMapping(headers: readonly string[], saved: ColumnMapping | null): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  const take = (field: ImportField, header: string | undefined) => {
    if (header === undefined || used.has(header) || mapping[field] !== undefined) return;
    mapping[field] = header;
    used.add(header);
  };
  for (const field of IMPORT_FIELDS) {
    const want = saved?.[field];
    if (want) take(field, findHeader(headers, want));
  }
  for (const field of IMPORT_FIELDS) {
    const info = IMPORT_FIELD_INFO[field];
    for (const name of [info.label, ...info.aliases]) take(field, findHeader(headers, name));
  }
  return mapping;
}

/** What is wrong with a mapping as a whole (a required field unmapped, a column used twice). */
export function mappingProblems(headers: readonly string[], mapping: ColumnMapping): string[] {
  const problems: string[] = [];
  const seen = new Map<string, ImportField>();
  for (const field of IMPORT_FIELDS) {
    const header = mapping[field];
    const info = IMPORT_FIELD_INFO[field];
    if (!header) {
      if (info.required) problems.push(`「${info.label}」尚未对应到表格中的列。`);
      continue;
    }
    const actual = findHeader(headers, header);
    if (!actual) {
      problems.push(`表格中没有「${header}」这一列（对应「${info.label}」）。`);
      continue;
    }
    const other = seen.get(normalizeHeader(actual));
    if (other)
      problems.push(`「${actual}」列同时对应了「${IMPORT_FIELD_INFO[other].label}」和「${info.label}」。`);
    seen.set(normalizeHeader(actual), field);
  }
  return problems;
}

/** A cell as read from the file: spreadsheet cells may be numbers or dates, CSV cells are text. */
export type Cell = string | number | boolean | Date | null;

export interface CategoryRef {
  id: number;
  level1: string;
  level2: string;
  level3: string;
}

/** An order read from a row, in the shape the city posts it (the inbound API's body). */
export interface ImportedOrder {
  cityOrderNo: string;
  citizenName: string;
  citizenPhone: string;
  citizenAddress: string;
  categoryId: number | null;
  type: OrderType;
  title: string;
  content: string;
  cityDeadline: string | null;
  urgency: 'normal' | 'urgent';
  needsCitizenReply: boolean;
}

export interface RowProblem {
  /** The column as the file names it (or the field's label when it is not mapped). */
  column: string;
  message: string;
}

export type CheckedRow =
  | { ok: true; order: ImportedOrder }
  /** Refused, with the number and title as read, so the office finds the row it must correct. */
  | { ok: false; problems: RowProblem[]; cityOrderNo: string; title: string };

const OFFSET_MS = 8 * 3600 * 1000;
/** Days between Excel's day 0 (1899-12-30) and 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;

function asText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(cell);
  return String(cell).trim();
}

/** Beijing wall-clock parts to the instant. Hour 24 is the end of the day (「12-08 24:00」). */
function beijing(y: number, mo: number, d: number, h: number, mi: number): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || (h === 24 && mi > 0)) return null;
  const wall = new Date(Date.UTC(y, mo - 1, d, 0, 0));
  if (wall.getUTCMonth() !== mo - 1 || wall.getUTCDate() !== d) return null;
  return new Date(wall.getTime() + (h * 60 + mi) * 60_000 - OFFSET_MS);
}

const DATE_TEXT =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*[T\s]\s*(\d{1,2})\s*[:时点]\s*(\d{1,2})?\s*分?(?:\s*:\s*\d{1,2}(?:\.\d+)?)?)?$/;

/**
 * A deadline cell: a spreadsheet date (Excel keeps wall-clock time, read as Beijing time), a
 * date serial number, or text such as 2026-12-08 17:00, 2026/12/8, 2026年12月8日 17时30分. A
 * date without a time means the end of that day.
 */
export function parseDeadlineCell(cell: Cell | undefined): Date | null | 'invalid' {
  if (cell === null || cell === undefined || cell === '') return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return 'invalid';
    const [y, mo, d, h, mi] = [
      cell.getUTCFullYear(),
      cell.getUTCMonth() + 1,
      cell.getUTCDate(),
      cell.getUTCHours(),
      cell.getUTCMinutes(),
    ];
    return beijing(y, mo, d, h === 0 && mi === 0 ? 24 : h, mi) ?? 'invalid';
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell <= 0) return 'invalid';
    return parseDeadlineCell(new Date(Math.round((cell - EXCEL_EPOCH_DAYS) * 86_400_000)));
  }
  const text = String(cell).normalize('NFKC').trim();
  if (text === '') return null;
  const m = DATE_TEXT.exec(text);
  if (!m) return 'invalid';
  const hasTime = m[4] !== undefined;
  return (
    beijing(Number(m[1]), Number(m[2]), Number(m[3]), hasTime ? Number(m[4]) : 24, Number(m[5] ?? 0)) ??
    'invalid'
  );
}

const URGENCY_WORDS: Record<string, 'normal' | 'urgent'> = {
  一般: 'normal',
  普通: 'normal',
  正常: 'normal',
  否: 'normal',
  normal: 'normal',
  紧急: 'urgent',
  加急: 'urgent',
  特急: 'urgent',
  是: 'urgent',
  urgent: 'urgent',
};
const YES_NO: Record<string, boolean> = {
  是: true,
  需要: true,
  需回复: true,
  y: true,
  yes: true,
  true: true,
  '1': true,
  否: false,
  不需要: false,
  无需回复: false,
  n: false,
  no: false,
  false: false,
  '0': false,
};

const word = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

function orderType(text: string): OrderType | null {
  const w = word(text).replace(/类$/, '');
  for (const t of ORDER_TYPES) if (w === t || w === ORDER_TYPE_LABELS[t]) return t;
  return null;
}

/**
 * The category a cell names: its full path (城乡建设/物业管理/电梯故障, any of / > ＞ - as
 * separator) or its last level, if that names exactly one category.
 */
export function findCategory(text: string, categories: readonly CategoryRef[]): number | null {
  const parts = text
    .normalize('NFKC')
    .split(/[/>\\|-]+/)
    .map(word)
    .filter(Boolean);
  if (parts.length === 0) return null;
  const path = (c: CategoryRef) => [c.level1, c.level2, c.level3].map(word).filter(Boolean);
  const full = categories.filter((c) => path(c).join('/') === parts.join('/'));
  if (full.length === 1) return full[0]?.id ?? null;
  const last = parts.at(-1);
  const byLast = categories.filter((c) => path(c).at(-1) === last);
  return byLast.length === 1 ? (byLast[0]?.id ?? null) : null;
}

export interface RowCheckContext {
  now: Date;
  categories: readonly CategoryRef[];
}

/**
 * Reads one row into an order, or says for each column what is wrong with it. Only the rules
 * of reading live here (required cells, dates, words for type and urgency, categories); the
 * inbound schema checks the assembled order afterwards (phone format, lengths), as it does for
 * an order the city posts.
 */
export function checkRow(
  cells: Partial<Record<ImportField, Cell>>,
  mapping: ColumnMapping,
  ctx: RowCheckContext,
): CheckedRow {
  const problems: RowProblem[] = [];
  const column = (f: ImportField) => mapping[f] ?? IMPORT_FIELD_INFO[f].label;
  const problem = (f: ImportField, message: string) => problems.push({ column: column(f), message });
  const text = (f: ImportField) => asText(cells[f]);

  for (const f of IMPORT_FIELDS) {
    if (IMPORT_FIELD_INFO[f].required && text(f) === '') problem(f, `「${column(f)}」不能为空。`);
  }
  const cityOrderNo = text('cityOrderNo').normalize('NFKC').replace(/\s+/g, '');

  const typeText = text('type');
  const type = typeText ? orderType(typeText) : null;
  if (typeText && !type)
    problem(
      'type',
      `诉求类型「${typeText}」无法识别，应为${ORDER_TYPES.map((t) => ORDER_TYPE_LABELS[t]).join('、')}之一。`,
    );

  const categoryText = text('category');
  const categoryId = categoryText ? findCategory(categoryText, ctx.categories) : null;
  if (categoryText && categoryId === null)
    problem(
      'category',
      `诉求分类「${categoryText}」在本县的分类中找不到（或对应多个分类），请核对或留空由派单员选择。`,
    );

  const deadline = parseDeadlineCell(cells.cityDeadline);
  if (deadline === 'invalid')
    problem('cityDeadline', `期限「${text('cityDeadline')}」不是可识别的日期时间，应如 2026-12-08 17:00。`);
  else if (deadline && deadline.getTime() <= ctx.now.getTime())
    problem('cityDeadline', '市平台办理期限早于现在，请核对。');

  const urgencyText = word(text('urgency'));
  const urgency = urgencyText === '' ? 'normal' : URGENCY_WORDS[urgencyText];
  if (!urgency) problem('urgency', `紧急程度「${text('urgency')}」无法识别，应为「一般」或「紧急」。`);

  const replyText = word(text('needsCitizenReply'));
  const needsCitizenReply = replyText === '' ? true : YES_NO[replyText];
  if (needsCitizenReply === undefined)
    problem(
      'needsCitizenReply',
      `是否需要回复「${text('needsCitizenReply')}」无法识别，应为「是」或「否」。`,
    );

  if (problems.length > 0 || !type || !urgency || needsCitizenReply === undefined || deadline === 'invalid')
    return { ok: false, problems, cityOrderNo, title: text('title') };
  return {
    ok: true,
    order: {
      cityOrderNo,
      citizenName: text('citizenName'),
      citizenPhone: text('citizenPhone').normalize('NFKC'),
      citizenAddress: text('citizenAddress'),
      categoryId,
      type,
      title: text('title'),
      content: text('content'),
      cityDeadline: deadline ? deadline.toISOString() : null,
      urgency,
      needsCitizenReply,
    },
  };
}

/** What a known order would take from the row: the city owns its deadline; the rest is the county's after registration. */
export function cityOwnedChanges(
  existing: { cityDeadline: string | null },
  row: ImportedOrder,
): { cityDeadline: string } | null {
  if (!row.cityDeadline) return null;
  const before = existing.cityDeadline ? Date.parse(existing.cityDeadline) : null;
  return before === Date.parse(row.cityDeadline) ? null : { cityDeadline: row.cityDeadline };
}
