import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Streams an .xlsx workbook: rows are written and flushed as they come, so memory stays flat
 * however many rows there are (exceljs's streaming WorkbookWriter, without shared strings).
 */
export interface SheetSpec<T> {
  name: string;
  columns: Array<{ header: string; width?: number; value: (row: T) => string | number | null }>;
  rows: AsyncIterable<T[]> | Iterable<T[]>;
}

// biome-ignore lint/suspicious/noExplicitAny: each sheet has its own row type
export function streamWorkbook(sheets: Array<SheetSpec<any>>): PassThrough {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  void (async () => {
    try {
      for (const spec of sheets) {
        const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
        sheet.columns = spec.columns.map((c, i) => ({
          header: c.header,
          key: String(i),
          width: c.width ?? 14,
        }));
        sheet.getRow(1).font = { bold: true };
        sheet.getRow(1).commit();
        for await (const batch of spec.rows) {
          for (const row of batch) sheet.addRow(spec.columns.map((c) => c.value(row))).commit();
        }
        sheet.commit();
      }
      await workbook.commit();
    } catch (err) {
      stream.destroy(err as Error);
    }
  })();
  return stream;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const attachmentName = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
