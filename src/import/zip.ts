/**
 * Checks a Word file (a zip archive) before anything inflates it: the sizes its central
 * directory declares, and then that each part really inflates to no more than it
 * declares (zlib's maxOutputLength stops a lying entry at the declared size). A zip bomb
 * posing as a .docx is refused here with a message, never unpacked into memory.
 */
import { inflateRawSync } from 'node:zlib';

/** Limits on what a Word document of minutes may unpack to. */
export const ZIP_LIMITS = { entries: 5000, totalBytes: 100 * 1024 * 1024, ratio: 200 };

/** One part of the archive, as its central directory describes it. */
interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  localOffset: number;
}

/** The outcome of the check: ok, or the reason in the clerk's words. */
export type ZipCheck = { ok: true; names: string[] } | { ok: false; message: string };

/** Reads the central directory and checks every part; inflates each with a hard cap. */
export function checkZip(buf: Buffer): ZipCheck {
  const entries = centralDirectory(buf);
  if (typeof entries === 'string') return { ok: false, message: entries };
  if (entries.length > ZIP_LIMITS.entries)
    return {
      ok: false,
      message: `holds ${entries.length} parts; a Word document of minutes has a few dozen, so it is not read.`,
    };
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > ZIP_LIMITS.totalBytes) {
      return {
        ok: false,
        message: `would unpack to more than ${ZIP_LIMITS.totalBytes / 1024 / 1024} MB (a zip bomb, or not a set of minutes), so it is not unpacked.`,
      };
    }
    if (e.compressed > 0 && e.size > 1024 * 1024 && e.size / e.compressed > ZIP_LIMITS.ratio) {
      return {
        ok: false,
        message: `has a part (${e.name}) that would grow ${Math.round(e.size / e.compressed)} times when unpacked, as a zip bomb does, so it is not unpacked.`,
      };
    }
  }
  for (const e of entries) {
    const data = entryData(buf, e);
    if (typeof data === 'string') return { ok: false, message: data };
    if (e.method === 0) {
      if (data.length !== e.size)
        return { ok: false, message: `is damaged: part ${e.name} is not the size its directory says.` };
      continue;
    }
    if (e.method !== 8)
      return { ok: false, message: `uses a kind of compression Word does not (method ${e.method}) in part ${e.name}.` };
    try {
      const out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
      if (out.length !== e.size)
        return { ok: false, message: `is damaged: part ${e.name} does not unpack to the size its directory says.` };
    } catch {
      return {
        ok: false,
        message: `is damaged or disguised: part ${e.name} unpacks to more than the size its directory declares, so it is not read.`,
      };
    }
  }
  return { ok: true, names: entries.map((e) => e.name) };
}

/** The entries of the central directory, or a message when there is none to read. */
function centralDirectory(buf: Buffer): Entry[] | string {
  const notZip = 'is not a Word document (.docx): it is not a zip archive, or it is cut short.';
  const min = Math.max(0, buf.length - 22 - 65535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return notZip;
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    return 'is a very large (ZIP64) archive, which a Word document of minutes never is; it is not read.';
  if (cdOffset + cdSize > buf.length) return notZip;
  const out: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return notZip;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    out.push({
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, Math.min(buf.length, p + 46 + nameLen)),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The compressed bytes of one entry, found through its local header. */
function entryData(buf: Buffer, e: Entry): Buffer | string {
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50)
    return `is damaged: part ${e.name} cannot be found in the archive.`;
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressed > buf.length) return `is cut short: part ${e.name} runs past the end of the file.`;
  return buf.subarray(start, start + e.compressed);
}
