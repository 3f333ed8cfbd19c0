/** A Word document (.docx) into blocks: checked as a zip first, converted by mammoth, read as HTML. */
import { checkZip } from './zip.js';
import { htmlBlocks } from './html.js';
import type { ExtractResult } from './source.js';

/** Reads a .docx into blocks, numbered by paragraph. */
export async function docxBlocks(buf: Buffer): Promise<ExtractResult> {
  const zip = checkZip(buf);
  if (!zip.ok) return { ok: false, message: zip.message };
  if (!zip.names.includes('word/document.xml'))
    return { ok: false, message: 'is a zip archive but not a Word document (it has no word/document.xml).' };
  const mammoth = (await import('mammoth')).default;
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: buf },
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    );
    html = result.value;
  } catch (e) {
    return { ok: false, message: `could not be read as a Word document (${firstLine(e)}).` };
  }
  const blocks = htmlBlocks(html, { places: 'paragraph' });
  if (!blocks.length) return { ok: false, message: 'is a Word document with no text in it.' };
  return { ok: true, source: { format: 'docx', blocks, notes: [] } };
}

/** The first line of an error's message, for a short explanation. */
export function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200);
}
