import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * A labelled table from a CSV or xlsx file: the first row names the columns. CSV is parsed by
 * exceljs (fast-csv underneath: quoted cells, doubled quotes, newlines inside cells), UTF-8
 * with or without a byte-order mark; every cell is kept as text.
 */
export interface Table {
  headers: string[];
  rows: string[][];
}

export class LabelledFileError extends Error {}

export async function readTable(path: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  const ext = extname(path).toLowerCase();
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new LabelledFileError(`读不到文件 ${path}(cannot read file)`);
  }
  if (ext === '.xlsx') {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    sheet = workbook.worksheets[0];
  } else if (ext === '.csv' || ext === '.txt') {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    sheet = await workbook.csv.read(Readable.from([text]), { map: (v: string) => v } as never);
  } else {
    throw new LabelledFileError(`只支持 .csv 和 .xlsx 文件（only .csv and .xlsx are supported）： ${path}`);
  }
  const all: string[][] = [];
  sheet?.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell);
    });
    all.push(Array.from(cells, (c) => c ?? ''));
  });
  const [headers, ...rows] = all;
  if (!headers) throw new LabelledFileError(`文件是空的（the file is empty）： ${path}`);
  return { headers: headers.map((h) => h.trim()), rows };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return cell.text ?? String(v);
}

/** The index of each named column, or an error naming the missing one and the ones there are. */
export function columnIndexes(table: Table, names: readonly string[]): number[] {
  return names.map((name) => {
    const i = table.headers.indexOf(name.trim());
    if (i < 0)
      throw new LabelledFileError(
        `找不到列「${name}」（column not found: "${name}"）。文件中的列（columns in the file）：${table.headers.join('、')}`,
      );
    return i;
  });
}
