import { Readable } from 'node:stream';
import archiver from 'archiver';

/**
 * Streams an .xlsx workbook: each sheet's XML is produced row batch by row batch as the zip
 * pulls it, so a slow download holds back the query and memory stays flat however many rows
 * there are. (exceljs's streaming writer keeps what it writes in memory: +250 MB at 100k rows.)
 * Strings are written inline; the header row is bold and frozen.
 */
export interface SheetSpec<T> {
  name: string;
  columns: Array<{ header: string; width?: number; value: (row: T) => string | number | null | undefined }>;
  rows: AsyncIterable<T[]> | Iterable<T[]>;
}

const xml = (s: string) =>
  s
    .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string)
    // Characters XML 1.0 cannot carry (control characters pasted into a complaint) are dropped.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

const columnName = (i: number): string =>
  (i < 26 ? '' : columnName(Math.floor(i / 26) - 1)) + String.fromCharCode(65 + (i % 26));

/** Style 2 marks a cell's text as typed with a leading quote (Excel's quotePrefix): shown as it
 * is, and still text when someone edits the cell, so a complaint that begins like a formula
 * (=HYPERLINK(…), +, -, @) never becomes one (OWASP's CSV/formula injection; security review L). */
const FORMULA_START = /^[=+\-@\t\r]/;
const QUOTED_TEXT = 2;

function cell(value: string | number | null | undefined, ref: string, style = 0): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number' && Number.isFinite(value))
    return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${value}</v></c>`;
  const text = String(value);
  const st = style || (FORMULA_START.test(text) ? QUOTED_TEXT : 0);
  return `<c r="${ref}"${st ? ` s="${st}"` : ''} t="inlineStr"><is><t xml:space="preserve">${xml(text)}</t></is></c>`;
}

// biome-ignore lint/suspicious/noExplicitAny: each sheet has its own row type
async function* sheetXml(spec: SheetSpec<any>): AsyncGenerator<string> {
  const cols = spec.columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 14}" customWidth="1"/>`)
    .join('');
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  yield '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
  yield `<cols>${cols}</cols><sheetData>`;
  yield `<row r="1">${spec.columns.map((c, i) => cell(c.header, `${columnName(i)}1`, 1)).join('')}</row>`;
  let r = 1;
  for await (const batch of spec.rows) {
    let chunk = '';
    for (const row of batch) {
      r++;
      chunk += `<row r="${r}">${spec.columns.map((c, i) => cell(c.value(row), `${columnName(i)}${r}`)).join('')}</row>`;
    }
    yield chunk;
  }
  yield '</sheetData></worksheet>';
}

const CONTENT_TYPES = (n: number) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${Array.from({ length: n }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`;
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf fontId="0"/><xf fontId="1" applyFont="1"/><xf fontId="0" quotePrefix="1"/></cellXfs></styleSheet>';

// biome-ignore lint/suspicious/noExplicitAny: each sheet has its own row type
export function streamWorkbook(sheets: Array<SheetSpec<any>>): Readable {
  const zip = archiver('zip', { zlib: { level: 6 } });
  const names = sheets.map(
    (s, i) => xml(s.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31)) || `Sheet${i + 1}`,
  );
  zip.append(CONTENT_TYPES(sheets.length), { name: '[Content_Types].xml' });
  zip.append(ROOT_RELS, { name: '_rels/.rels' });
  zip.append(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    { name: 'xl/workbook.xml' },
  );
  zip.append(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    { name: 'xl/_rels/workbook.xml.rels' },
  );
  zip.append(STYLES, { name: 'xl/styles.xml' });
  sheets.forEach((spec, i) => {
    const sheet = Readable.from(sheetXml(spec));
    // A query failing half-way (a connection lost, a timeout) ends the download with the error;
    // archiver does not listen for its sources' errors, and an unheard one ends the process.
    sheet.on('error', (e) => zip.destroy(e));
    zip.append(sheet, { name: `xl/worksheets/sheet${i + 1}.xml` });
  });
  void zip.finalize();
  return zip;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const attachmentName = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
