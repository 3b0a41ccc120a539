import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { columnIndexes, readTable } from '../../src/setup/labelled-file.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'huiyin-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MATTERS: Record<string, string[]> = {
  供暖: ['暖气不热', '暖气片冰凉', '供暖温度低', '屋里太冷暖气不行', '取暖费交了还是冷', '暖气漏水'],
  工资: ['拖欠工资', '包工头欠工钱', '工资拿不到', '老板跑路不给钱', '讨薪没人管', '欠薪三个月'],
  食品: ['买到过期牛奶', '饭馆菜里有虫', '食品过期还在卖', '超市卖变质肉', '外卖吃坏肚子', '烧烤摊不卫生'],
};
const rows = Object.entries(MATTERS).flatMap(([label, titles]) =>
  titles.map((t, i) => [t, `市民反映，${t}，已经${i + 2}天了，"希望"尽快处理\n谢谢。`, label]),
);
const csv = (cells: string[][]) =>
  cells
    .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','))
    .join('\r\n');

async function evalDispatch(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/setup/eval-dispatch.ts', ...args], {
    cwd: process.cwd(),
  });
}

describe('reading a labelled file', () => {
  it('parses CSV with a byte-order mark, quotes, doubled quotes and newlines inside cells', async () => {
    const path = join(dir, 'bom.csv');
    writeFileSync(path, `\uFEFF${csv([['标题', '内容', '分类'], ...rows])}\r\n`);
    const table = await readTable(path);
    expect(table.headers).toEqual(['标题', '内容', '分类']);
    expect(table.rows).toHaveLength(18);
    expect(table.rows[0]?.[1]).toBe('市民反映，暖气不热，已经2天了，"希望"尽快处理\n谢谢。');
  });

  it('names the missing column and the ones the file has, in Chinese and English', async () => {
    const path = join(dir, 'plain.csv');
    writeFileSync(
      path,
      csv([
        ['标题', '分类'],
        ['暖气不热', '供暖'],
      ]),
    );
    const table = await readTable(path);
    expect(() => columnIndexes(table, ['内容'])).toThrow(/找不到列「内容」.*column not found.*标题、分类/);
  });
});

describe('npm run eval:dispatch', () => {
  it('cross-validates a CSV and ends with the summary line', { timeout: 60_000 }, async () => {
    const path = join(dir, 'small.csv');
    writeFileSync(path, csv([['标题', '内容', '分类'], ...rows]));
    const { stdout } = await evalDispatch(
      '--file',
      path,
      '--text',
      '标题,内容',
      '--label',
      '分类',
      '--folds',
      '3',
    );
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^top-1 (0|1)\.\d{3} top-3 (0|1)\.\d{3} n=18 folds=3$/);
    for (const label of Object.keys(MATTERS))
      expect(stdout).toMatch(new RegExp(`^${label}\\t6\\t[01]\\.\\d{3}\\t[01]\\.\\d{3}$`, 'm'));
    const top3 = Number(lines.at(-1)?.split(' ')[3]);
    expect(top3).toBe(1);
  });

  it('reads xlsx too, with 5 folds by default', { timeout: 60_000 }, async () => {
    const path = join(dir, 'small.xlsx');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('工单');
    sheet.addRow(['标题', '内容', '分类']);
    for (const r of rows) sheet.addRow(r);
    await wb.xlsx.writeFile(path);
    const { stdout } = await evalDispatch('--file', path, '--text', '内容', '--label', '分类');
    expect(stdout.trim().split('\n').at(-1)).toMatch(/^top-1 \d\.\d{3} top-3 \d\.\d{3} n=18 folds=5$/);
  });

  it('refuses a missing column with a clear message and exit code 2', { timeout: 60_000 }, async () => {
    const path = join(dir, 'small.csv');
    const failure = await evalDispatch('--file', path, '--text', '正文', '--label', '分类').catch((e) => e);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toMatch(/找不到列「正文」（column not found: "正文"）/);
  });
});
