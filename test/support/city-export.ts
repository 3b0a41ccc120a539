import ExcelJS from 'exceljs';

/** The city platform's order export as the office downloads it: a header row, then one order per row. */
export const CITY_EXPORT_HEADERS = [
  '工单编号',
  '来电人',
  '来电号码',
  '诉求地址',
  '诉求类型',
  '标题',
  '诉求内容',
  '办理期限',
  '紧急程度',
];

export function cityExportRow(
  i: number,
  over: Partial<Record<string, unknown>> = {},
): Record<string, unknown> {
  return {
    工单编号: `SZ2026${String(i).padStart(6, '0')}`,
    来电人: `市民${i}`,
    来电号码: 13900000000 + i,
    诉求地址: `河湾镇滨河路 ${i} 号`,
    诉求类型: i % 3 === 0 ? '求助' : '投诉',
    标题: `第 ${i} 号小区路灯损坏`,
    诉求内容: `滨河路第 ${i} 号小区门口的路灯已经坏了半个月,晚上出行很不安全,希望尽快修好。`,
    办理期限: new Date(Date.UTC(2026, 2, 20, 17, 0)),
    紧急程度: '一般',
    ...over,
  };
}

/** An .xlsx of these rows under these headers (a date cell keeps its wall-clock time, as Excel does). */
export async function cityExportXlsx(
  rows: Record<string, unknown>[],
  headers: string[] = CITY_EXPORT_HEADERS,
  rename: Record<string, string> = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('工单');
  sheet.addRow(headers.map((h) => rename[h] ?? h));
  for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same as CSV text (what the city's "导出 CSV" gives). */
export function cityExportCsv(
  rows: Record<string, unknown>[],
  headers: string[] = CITY_EXPORT_HEADERS,
): string {
  const cell = (v: unknown) => {
    const s = v instanceof Date ? v.toISOString().slice(0, 16).replace('T', ' ') : String(v ?? '');
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [headers.join(','), ...rows.map((r) => headers.map((h) => cell(r[h])).join(','))].join('\r\n');
}
