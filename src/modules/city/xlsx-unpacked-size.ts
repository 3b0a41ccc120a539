import { Readable } from 'node:stream';
import { refuse } from '../../domain/refusal.js';

/**
 * An .xlsx is a zip, and the reader (exceljs through JSZip) unpacks each part whole into
 * memory, at several times its size. Unchecked, a 148 KB file whose sheet unpacks to 150 MB
 * grew the server by ~500 MB (security review M6). A real export is small unpacked: 2,000
 * rows of typical orders are ~1.4 MB, and Chinese text compresses only about 2.5–3:1, so what
 * fits in the 5 MB upload limit unpacks to ~15 MB at most; 20 MB leaves room and bounds the
 * memory one import can take.
 */
export const XLSX_MAX_UNPACKED_BYTES = 20 * 1024 * 1024;
/** Parts in the zip: an export has about 15 (workbook, sheet, styles, shared strings, relations). */
export const XLSX_MAX_ENTRIES = 500;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;

export interface ZipDirectory {
  /** Entries listed, counted up to one more than XLSX_MAX_ENTRIES. */
  entries: number;
  /** The uncompressed sizes the entries declare, added up (ZIP64's 0xFFFFFFFF counts as itself: too large). */
  declaredBytes: number;
}

/**
 * What a zip's central directory declares, read without unpacking anything; null when there
 * is no readable directory. The directory is taken to end where the end record begins, as
 * JSZip does, so data put before the zip does not hide it.
 */
export function readZipDirectory(zip: Buffer): ZipDirectory | null {
  let end = -1;
  // The end record is the last 22 bytes, or precedes a comment of at most 65,535 bytes.
  for (let i = zip.length - EOCD_SIZE; i >= Math.max(0, zip.length - EOCD_SIZE - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const size = zip.readUInt32LE(end + 12);
  const start = end - size;
  if (start < 0) return null;
  let entries = 0;
  let declaredBytes = 0;
  let at = start;
  while (at < end && entries <= XLSX_MAX_ENTRIES) {
    if (at + CENTRAL_SIZE > end || zip.readUInt32LE(at) !== CENTRAL) return null;
    entries++;
    declaredBytes += zip.readUInt32LE(at + 24);
    at += CENTRAL_SIZE + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return { entries, declaredBytes };
}

const MB = XLSX_MAX_UNPACKED_BYTES / 1024 / 1024;
const tooLarge: () => never = () =>
  refuse(
    'too_large',
    'IMPORT_XLSX_TOO_LARGE',
    `表格解压后超过 ${MB} MB（.xlsx 是压缩文件），不像市平台导出的工单表。请重新从市平台导出，或分成几个文件导入。`,
    { maxUnpackedBytes: XLSX_MAX_UNPACKED_BYTES },
  );
const tooManyParts: () => never = () =>
  refuse(
    'too_large',
    'IMPORT_XLSX_TOO_LARGE',
    `表格文件由 ${XLSX_MAX_ENTRIES} 个以上的部分组成，不像市平台导出的工单表。请重新从市平台导出后上传。`,
    { maxEntries: XLSX_MAX_ENTRIES },
  );
const unreadable: () => never = () =>
  refuse(
    'invalid',
    'IMPORT_FILE_UNREADABLE',
    '无法读取这个 Excel 文件，可能已损坏。请重新从市平台导出后上传。',
  );

/**
 * Refuses (413 IMPORT_XLSX_TOO_LARGE) an .xlsx that would unpack to more than the limit, before
 * the reader unpacks it: first by what its directory declares (nothing unpacked), then, since
 * a zip can declare less than it holds, by unpacking it as a stream and counting, stopping at
 * the limit. JSZip is the library exceljs reads with, so the parts counted are the parts read.
 */
export async function refuseOversizeXlsx(buffer: Buffer): Promise<void> {
  const dir = readZipDirectory(buffer);
  if (!dir) unreadable();
  if (dir.entries > XLSX_MAX_ENTRIES) tooManyParts();
  if (dir.declaredBytes > XLSX_MAX_UNPACKED_BYTES) tooLarge();

  const JSZip = (await import('jszip')).default;
  let total = 0;
  try {
    const zip = await JSZip.loadAsync(buffer);
    for (const entry of Object.values(zip.files)) {
      if (entry.dir) continue;
      // JSZip's stream is of the old kind, wrapped to be read in a loop; leaving the loop
      // ends it (JSZip stops unpacking), and each chunk is dropped once counted.
      for await (const chunk of new Readable().wrap(entry.nodeStream('nodebuffer'))) {
        total += (chunk as Buffer).length;
        if (total > XLSX_MAX_UNPACKED_BYTES) break;
      }
      if (total > XLSX_MAX_UNPACKED_BYTES) break;
    }
  } catch {
    unreadable();
  }
  if (total > XLSX_MAX_UNPACKED_BYTES) tooLarge();
}
