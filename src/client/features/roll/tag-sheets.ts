import QRCode from 'qrcode';
import { A4_MM, printedCode, tagPages } from '../../../shared/people/tag-sheet.ts';
import type { RegisteredPerson } from '../../../shared/protocol/index.ts';

/** Pixels per millimetre: 150 dpi, sharp enough for a QR scanned off paper. */
const PX = 150 / 25.4;
const FONT = "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

function drawQr(g: CanvasRenderingContext2D, text: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = size / (modules.size + 2 * quiet);
  g.fillStyle = '#000';
  for (let r = 0; r < modules.size; r++)
    for (let c = 0; c < modules.size; c++)
      if (modules.get(r, c))
        g.fillRect(
          Math.floor(x + (c + quiet) * cell),
          Math.floor(y + (r + quiet) * cell),
          Math.ceil(cell),
          Math.ceil(cell),
        );
}

/**
 * A village's 安全码 sheets as a PDF: each A4 page drawn on a canvas (the browser's CJK fonts, no
 * font to embed) and placed whole, with the title, the page number and the sample's mark.
 */
export async function tagSheetsPdf(
  people: readonly RegisteredPerson[],
  title: string,
  footer: string,
): Promise<Blob> {
  const { jsPDF } = await import('jspdf');
  const pages = tagPages(people);
  const doc = new jsPDF({ orientation: 'portrait', unit: 'mm', format: 'a4' });
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(A4_MM.width * PX);
  canvas.height = Math.round(A4_MM.height * PX);
  const g = canvas.getContext('2d');
  if (!g) throw new Error('this browser cannot draw the sheets');
  pages.forEach((tags, p) => {
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = '#000';
    g.textBaseline = 'top';
    g.font = `bold ${6 * PX}px ${FONT}`;
    g.fillText(title, 10 * PX, 9 * PX);
    g.font = `${3.2 * PX}px ${FONT}`;
    g.fillText(`${footer} · ${p + 1}/${pages.length}`, 10 * PX, 17 * PX);
    for (const tag of tags) {
      const [x, y, w, h] = [tag.x * PX, tag.y * PX, tag.width * PX, tag.height * PX];
      // Dashed cut lines.
      g.setLineDash([4, 4]);
      g.strokeStyle = '#999';
      g.strokeRect(x, y, w, h);
      g.setLineDash([]);
      const qr = h - 4 * PX;
      drawQr(g, tag.person.code, x + 2 * PX, y + 2 * PX, qr);
      const tx = x + qr + 4 * PX;
      g.fillStyle = '#000';
      g.font = `bold ${5 * PX}px ${FONT}`;
      g.fillText(tag.person.name, tx, y + 4 * PX, w - qr - 6 * PX);
      g.font = `bold ${4.2 * PX}px monospace`;
      g.fillText(printedCode(tag.person.code), tx, y + 12 * PX, w - qr - 6 * PX);
      g.font = `${3 * PX}px ${FONT}`;
      g.fillText(`户 ${tag.person.household}`, tx, y + 20 * PX, w - qr - 6 * PX);
    }
    if (p > 0) doc.addPage('a4', 'portrait');
    doc.addImage(
      canvas.toDataURL('image/png'),
      'PNG',
      0,
      0,
      A4_MM.width,
      A4_MM.height,
      undefined,
      'FAST',
    );
  });
  return doc.output('blob');
}
