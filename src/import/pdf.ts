/**
 * A PDF's text layer into blocks (unpdf's build of pdf.js, loaded only here). Lines are
 * rebuilt from the text items' positions; a wider gap than usual between lines ends a
 * paragraph. A PDF without a text layer (a scan) is refused with a message saying so.
 */
import { blocksFromLines, type ExtractResult, type SourceLine } from './source.js';
import { firstLine } from './docx.js';

interface TextItem {
  str: string;
  transform: number[];
  height: number;
  hasEOL?: boolean;
}

/** Most pages a set of minutes runs to before csp stops reading (a safety limit). */
export const MAX_PAGES = 500;

/** Reads a PDF into blocks, placed by page and line. */
export async function pdfBlocks(bytes: Uint8Array): Promise<ExtractResult> {
  const { getDocumentProxy } = await import('unpdf');
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    doc = await getDocumentProxy(bytes, {
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    });
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    if (name === 'PasswordException')
      return { ok: false, message: 'is a password-protected PDF; save an unprotected copy and import that.' };
    return { ok: false, message: `could not be read as a PDF (${firstLine(e)}).` };
  }
  try {
    if (doc.numPages > MAX_PAGES)
      return { ok: false, message: `has ${doc.numPages} pages; csp reads minutes of up to ${MAX_PAGES} pages.` };
    const lines: SourceLine[] = [];
    let running = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items = (content.items as unknown[]).filter(
        (i): i is TextItem => typeof i === 'object' && i !== null && 'str' in i,
      );
      let text = '';
      let y: number | undefined;
      let lastY: number | undefined;
      let lineOnPage = 0;
      let gap = p > 1;
      const push = () => {
        if (text.trim()) {
          lineOnPage++;
          running++;
          lines.push({ text, line: running, where: `page ${p}, line ${lineOnPage}`, gapBefore: gap });
          gap = false;
          lastY = y;
        }
        text = '';
      };
      for (const item of items) {
        const iy = item.transform[5] ?? 0;
        const ih = Math.abs(item.transform[3] ?? item.height) || item.height || 10;
        if (y !== undefined && item.str && Math.abs(iy - y) > ih / 2) push();
        if (item.str) {
          if (!text) {
            if (lastY !== undefined && lastY - iy > ih * 1.8) gap = true;
            y = iy;
          }
          text += item.str;
        }
        if (item.hasEOL) push();
      }
      push();
      page.cleanup();
    }
    if (!lines.length) {
      return {
        ok: false,
        message:
          'has no text layer (it looks like a scan or a picture of the minutes); run it through OCR first, or import the web page or Word version instead.',
      };
    }
    return { ok: true, source: { format: 'pdf', blocks: blocksFromLines(lines), notes: [] } };
  } catch (e) {
    return { ok: false, message: `could not be read as a PDF (${firstLine(e)}).` };
  } finally {
    await doc.destroy();
  }
}
