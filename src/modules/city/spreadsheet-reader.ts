import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import type { SheetRow } from '../../db/repositories/city-import.repository.js';
import type { Cell } from '../../domain/city-import.js';
import { refuse } from '../../domain/refusal.js';
import { refuseOversizeXlsx } from './xlsx-unpacked-size.js';

/** A city export of a few thousand orders is well under this; anything larger is not an export. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Rows per file: a day's orders for a county many times over, and a preview the office can read. */
export const IMPORT_MAX_ROWS = 2000;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

/** An exceljs cell value as a plain cell: rich text, hyperlinks and formulas give their text or result. */
function plain(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (
    value instanceof Date ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  )
    return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('result' in v) return plain(v.result);
    if ('text' in v) return plain(v.text);
  }
  return null;
}

const isEmpty = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');
const headerText = (c: Cell) => (c instanceof Date ? c.toISOString().slice(0, 10) : String(c ?? '').trim());

/** The first sheet's header row (its first non-empty row) and the data rows below it, empty rows left out. */
function toSheet(raw: { n: number; cells: Cell[] }[]): Sheet {
  const nonEmpty = raw.filter((r) => r.cells.some((c) => !isEmpty(c)));
  const [head, ...data] = nonEmpty;
  if (!head) refuse('invalid', 'IMPORT_EMPTY_FILE', '表格中没有内容，请确认导出的文件是否正确。');
  const headers = head.cells.map(headerText);
  if (data.length === 0) refuse('invalid', 'IMPORT_NO_ROWS', '表格只有表头，没有工单数据。');
  if (data.length > IMPORT_MAX_ROWS)
    refuse(
      'too_large',
      'IMPORT_TOO_MANY_ROWS',
      `表格有 ${data.length} 行工单，一次最多导入 ${IMPORT_MAX_ROWS} 行，请分成几个文件。`,
      { rows: data.length, max: IMPORT_MAX_ROWS },
    );
  return { headers, rows: data.map((r) => ({ n: r.n, cells: headers.map((_, i) => r.cells[i] ?? null) })) };
}

/** exceljs is loaded by the first import of a spreadsheet, not when the server starts (~25 MB). */
const excel = async () => (await import('exceljs')).default;

async function readXlsx(buffer: Buffer): Promise<Sheet> {
  // The reader unpacks every part whole into memory: a small file may hold a huge sheet.
  await refuseOversizeXlsx(buffer);
  const workbook = new (await excel()).Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    refuse(
      'invalid',
      'IMPORT_FILE_UNREADABLE',
      '无法读取这个 Excel 文件，可能已损坏。请重新从市平台导出后上传。',
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) refuse('invalid', 'IMPORT_EMPTY_FILE', '表格中没有工作表。');
  if (sheet.rowCount > IMPORT_MAX_ROWS + 50)
    refuse(
      'too_large',
      'IMPORT_TOO_MANY_ROWS',
      `表格有 ${sheet.rowCount} 行，一次最多导入 ${IMPORT_MAX_ROWS} 行工单，请分成几个文件。`,
      { rows: sheet.rowCount, max: IMPORT_MAX_ROWS },
    );
  const raw: { n: number; cells: Cell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = plain(cell.value);
    });
    raw.push({ n, cells: Array.from(cells, (c) => c ?? null) });
  });
  return toSheet(raw);
}

/** CSV as Excel writes it in China: UTF-8 (with or without BOM) or GBK. */
function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\ufeff/, '');
  } catch {
    return new TextDecoder('gbk').decode(buffer);
  }
}

async function readCsv(buffer: Buffer): Promise<Sheet> {
  if (buffer.includes(0))
    refuse('invalid', 'IMPORT_FILE_TYPE', '文件不是文本格式的 CSV，请上传 .xlsx 或 .csv 文件。');
  const workbook = new (await excel()).Workbook();
  let sheet: ExcelJS.Worksheet;
  try {
    // Cells kept as text: the reader's own guessing would turn phone numbers and dates into other values.
    sheet = await workbook.csv.read(Readable.from([decodeText(buffer)]), { map: (v: string) => v });
  } catch {
    refuse('invalid', 'IMPORT_FILE_UNREADABLE', '无法读取这个 CSV 文件，请检查格式（逗号分隔、引号成对）。');
  }
  const raw: { n: number; cells: Cell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const values = row.values as unknown[];
    raw.push({ n, cells: values.slice(1).map((v) => (v === undefined ? null : plain(v))) });
  });
  return toSheet(raw);
}

/**
 * Reads the city's export: .xlsx recognised by its content, .csv by its name and being text.
 * An old .xls or anything else is refused with what to do instead.
 */
export async function readSpreadsheet(buffer: Buffer, fileName: string): Promise<Sheet> {
  if (buffer.length === 0) refuse('invalid', 'IMPORT_FILE_EMPTY', '上传的文件是空的。');
  const type = await fileTypeFromBuffer(buffer);
  if (type?.mime === XLSX || (type?.ext === 'zip' && /\.xlsx$/i.test(fileName))) return readXlsx(buffer);
  if (type?.ext === 'cfb' || /\.xls$/i.test(fileName))
    refuse(
      'invalid',
      'IMPORT_OLD_EXCEL',
      '不支持旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 后上传。',
    );
  if (!type && /\.csv$/i.test(fileName)) return readCsv(buffer);
  refuse('invalid', 'IMPORT_FILE_TYPE', '只能导入市平台导出的 Excel（.xlsx）或 CSV 文件。');
}
