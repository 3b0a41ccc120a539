import { existsSync } from 'node:fs';
import { refuse } from '../../domain/refusal.js';

/**
 * A bulletin laid out like a government notice (党政机关公文格式, GB/T 9704 in spirit): the
 * issuing office's red masthead, a centred title in a large song-style face, the body in
 * imitation-song style with two-character indents, the issuer and date at the bottom right.
 */
export interface BulletinDocument {
  title: string;
  body: string;
  number: string;
}

const MASTHEAD = '县市民服务热线办公室';

// docx and pdfkit are loaded when a bulletin is first laid out, not when the server starts:
// together ~35 MB of a server's memory that most requests never use (docs/performance.md).
export async function bulletinDocx(doc: BulletinDocument): Promise<Buffer> {
  const { AlignmentType, Document, Packer, Paragraph, TextRun } = await import('docx');
  const lines = doc.body.split('\n');
  const tail = lines.slice(-2);
  const main = lines.slice(0, -2);
  const paragraphs = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun({ text: MASTHEAD, font: '方正小标宋简体', size: 72, color: 'C00000', bold: true }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [new TextRun({ text: doc.number, font: '仿宋_GB2312', size: 32 })],
    }),
    new Paragraph({
      border: { bottom: { color: 'C00000', size: 18, style: 'single', space: 1 } },
      children: [],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 400, after: 400 },
      children: [new TextRun({ text: doc.title, font: '方正小标宋简体', size: 44 })],
    }),
    ...main.map(
      (line) =>
        new Paragraph({
          spacing: { line: 560 },
          children: [
            new TextRun({ text: line.replace(/^ {4}/, '\u3000\u3000'), font: '仿宋_GB2312', size: 32 }),
          ],
        }),
    ),
    ...tail.map(
      (line) =>
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          children: [new TextRun({ text: line, font: '仿宋_GB2312', size: 32 })],
        }),
    ),
  ];
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

/** CJK fonts the PDF can embed, best first (Debian's fonts-noto-cjk). */
const CJK_FONTS = [
  ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'],
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
] as const;

export async function bulletinPdf(doc: BulletinDocument): Promise<Buffer> {
  const font = CJK_FONTS.find(([path]) => existsSync(path));
  if (!font) {
    refuse(
      'rule',
      'PDF_FONT_MISSING',
      '服务器缺少中文字体（fonts-noto-cjk），无法生成 PDF；请下载 Word 版，或请管理员安装字体。',
    );
  }
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 80, right: 72 } });
  pdf.registerFont('cjk', font[0], font[1]);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  const width = pdf.page.width - 152;
  pdf.font('cjk').fillColor('#C00000').fontSize(30).text(MASTHEAD, { align: 'center', width });
  pdf.fillColor('black').fontSize(14).text(doc.number, { align: 'center', width });
  const y = pdf.y + 6;
  pdf
    .moveTo(80, y)
    .lineTo(80 + width, y)
    .lineWidth(2)
    .strokeColor('#C00000')
    .stroke();
  pdf.moveDown(1.5).fontSize(20).text(doc.title, { align: 'center', width }).moveDown(1);
  const lines = doc.body.split('\n');
  pdf.fontSize(14);
  for (const line of lines.slice(0, -2))
    pdf.text(line.replace(/^ {4}/, '\u3000\u3000'), { width, lineGap: 8 });
  pdf.moveDown(1);
  for (const line of lines.slice(-2)) pdf.text(line, { width, align: 'right' });
  pdf.end();
  return done;
}
