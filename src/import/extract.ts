/**
 * Reads one minutes document of any kind into blocks. The kind is told by the file's
 * first bytes (a zip is Word, "%PDF" is a PDF, markup is a web page), not only its name;
 * anything too big, binary or unreadable ends in a message for the clerk, never a crash.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExtractResult } from './source.js';
import { textBlocks } from './text.js';
import { firstLine } from './docx.js';

/** The largest document csp imports (a set of minutes is rarely over 2 MB). */
export const MAX_BYTES = 20 * 1024 * 1024;

/** How long reading one document may take before csp gives up on it. */
export const TIME_LIMIT_MS = 60_000;

/** Reads a file and turns it into blocks, in this thread. */
export async function extractFile(file: string): Promise<ExtractResult & { sha256?: string }> {
  const bytes = await readLimited(file);
  if (!Buffer.isBuffer(bytes)) return bytes;
  const { createHash } = await import('node:crypto');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { ...(await extractBytes(bytes, path.extname(file).toLowerCase())), sha256 };
}

/** Reads at most MAX_BYTES of a file; a larger one, a folder or an unreadable file is a message. */
async function readLimited(file: string): Promise<Buffer | { ok: false; message: string }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, message: 'does not exist.' };
    if (code === 'EISDIR') return { ok: false, message: 'is a folder, not a minutes document.' };
    return { ok: false, message: `cannot be read (${code ?? firstLine(e)}).` };
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { ok: false, message: 'is a folder, not a minutes document.' };
    if (!stat.isFile()) return { ok: false, message: 'is not an ordinary file.' };
    if (stat.size > MAX_BYTES) {
      return {
        ok: false,
        message: `is ${(stat.size / 1024 / 1024).toFixed(1)} MB; csp imports documents of up to ${MAX_BYTES / 1024 / 1024} MB (a set of minutes is rarely over 2 MB), so it is not read. Is it the right file?`,
      };
    }
    const buf = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const { bytesRead } = await handle.read(buf, read, stat.size - read, read);
      if (!bytesRead) break;
      read += bytesRead;
    }
    return buf.subarray(0, read);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { ok: false, message: 'is a folder, not a minutes document.' };
    return { ok: false, message: `cannot be read (${code ?? firstLine(e)}).` };
  } finally {
    await handle.close();
  }
}

/** Turns a document's bytes into blocks, choosing the reader by content (then by extension). */
export async function extractBytes(bytes: Buffer, ext: string): Promise<ExtractResult> {
  if (!bytes.length) return { ok: false, message: 'is empty.' };
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || ext === '.docx') {
    const { docxBlocks } = await import('./docx.js');
    return docxBlocks(bytes);
  }
  if (bytes.subarray(0, 1024).includes('%PDF-') || ext === '.pdf') {
    const { pdfBlocks } = await import('./pdf.js');
    return pdfBlocks(new Uint8Array(bytes));
  }
  if (bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return {
      ok: false,
      message: 'is an old-style Word (.doc) file; open it in Word and save it as .docx, then import that.',
    };
  }
  if (ext === '.doc')
    return { ok: false, message: 'has the name of an old-style Word (.doc) file; save it as .docx and import that.' };
  const decoded = decode(bytes);
  if (!decoded.ok) return decoded;
  const looksHtml =
    ext === '.html' ||
    ext === '.htm' ||
    ext === '.xhtml' ||
    /^\s*(?:<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html)/i.test(decoded.text.slice(0, 2048));
  if (looksHtml) {
    const { htmlBlocks } = await import('./html.js');
    const blocks = htmlBlocks(decoded.text);
    if (!blocks.length)
      return { ok: false, message: 'is a web page with no text in it (was it saved before it had loaded?).' };
    return { ok: true, source: { format: 'html', blocks, notes: decoded.notes } };
  }
  const blocks = textBlocks(decoded.text);
  if (!blocks.length) return { ok: false, message: 'has no text in it.' };
  return { ok: true, source: { format: 'text', blocks, notes: decoded.notes } };
}

/** Decodes text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252; binary is refused. */
function decode(bytes: Buffer): { ok: true; text: string; notes: string[] } | { ok: false; message: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), notes: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), notes: [] };
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of sample) {
    if (b === 0)
      return {
        ok: false,
        message: 'is not text, a web page, a Word document or a PDF (it holds binary data), so it is not read.',
      };
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control > sample.length / 100)
    return {
      ok: false,
      message: 'is not text, a web page, a Word document or a PDF (it holds binary data), so it is not read.',
    };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text, notes: [] };
  } catch {
    return {
      ok: true,
      text: new TextDecoder('windows-1252').decode(bytes),
      notes: ['The file is not UTF-8; it was read as Windows-1252 (Western European) text.'],
    };
  }
}

/**
 * Reads a file in a worker thread with a memory cap and a time limit, so a document made
 * to exhaust the reader ends in a message, not a hung or crashed command.
 */
export function extractIsolated(
  file: string,
  workerUrl: URL,
  timeMs = TIME_LIMIT_MS,
): Promise<ExtractResult & { sha256?: string }> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: ExtractResult & { sha256?: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    };
    const worker = new Worker(workerUrl, {
      workerData: { file },
      resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    });
    const timer = setTimeout(() => {
      done({
        ok: false,
        message: `took more than ${Math.round(timeMs / 1000)} seconds to read, so csp stopped; the file may be damaged or made to be unreadable.`,
      });
    }, timeMs);
    worker.once('message', (r: ExtractResult & { sha256?: string }) => {
      done(r);
    });
    worker.once('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY')
        done({
          ok: false,
          message:
            'needed more than 1 GB of memory to read, so csp stopped; the file may be damaged or made to be unreadable.',
        });
      else done({ ok: false, message: `could not be read (${firstLine(e)}).` });
    });
    worker.once('exit', (code) => {
      done({ ok: false, message: `could not be read (the reader stopped with code ${code}).` });
    });
  });
}
