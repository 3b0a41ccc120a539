import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { streamWorkbook } from '../../src/modules/statistics/excel.js';

type Row = { n: number; text: string };
const columns = [
  { header: '序号', value: (r: Row) => r.n },
  { header: '内容', value: (r: Row) => r.text },
];

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('a workbook streamed from batches of rows', () => {
  it('reads back as written, text that looks like a formula kept as text', async () => {
    async function* rows() {
      yield [{ n: 1, text: '=HYPERLINK("http://x","点我")' }];
      yield [{ n: 2, text: '楼道灯坏了' }];
    }
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await collect(streamWorkbook([{ name: '表', columns, rows: rows() }]))) as never);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(2).getCell(2).value).toBe('=HYPERLINK("http://x","点我")');
    expect(sheet?.getRow(3).getCell(1).value).toBe(2);
  });

  it('marks text that begins like a formula as quoted text, so editing the cell keeps it text', async () => {
    async function* rows() {
      yield ['=1+1', '+86 139', '-2', '@SUM(A1)', '楼道灯坏了', '电话=13912345678'].map((text, i) => ({
        n: i,
        text,
      }));
    }
    const zip = await JSZip.loadAsync(await collect(streamWorkbook([{ name: '表', columns, rows: rows() }])));
    const sheet = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
    const styles = (await zip.file('xl/styles.xml')?.async('string')) ?? '';
    // The style each text cell of column B names, and whether that style is quote-prefixed.
    const cellXfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
    const xfs = [...cellXfs.matchAll(/<xf\b[^>]*>/g)].map((m) => m[0]);
    const quoted = [2, 3, 4, 5, 6, 7].map((r) => {
      const style = Number(new RegExp(`<c r="B${r}"(?: s="(\\d+)")?`).exec(sheet)?.[1] ?? 0);
      return (xfs[style] ?? '').includes('quotePrefix="1"');
    });
    expect(quoted).toEqual([true, true, true, true, false, false]);
  });

  it('ends with the error when its rows fail half-way, instead of ending the process', async () => {
    async function* rows(): AsyncGenerator<Row[]> {
      yield [{ n: 1, text: '第一批' }];
      throw new Error('连接中断');
    }
    await expect(collect(streamWorkbook([{ name: '表', columns, rows: rows() }]))).rejects.toThrow(
      '连接中断',
    );
  });
});
