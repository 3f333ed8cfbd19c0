/**
 * A quick look at a page of the site before the check reads it (leakChecker.file): the
 * page's bytes as they are to be written, read once, with no text made from them. It says a
 * page is clear only when the check could find nothing in it; a page it cannot be sure of
 * goes to the check, which finds and names what is there. So what an export finds is the
 * check's, whatever this says; this only spares the check the pages with nothing to find.
 *
 * The check reads a page as pieces (readableText): the text, with each tag read as a space
 * and entities decoded (again, when that changes it), cut at csp's action lines; and the
 * values of its attributes, one a line. In each it looks for the roster's e-mail addresses
 * and phone numbers and the paths of exempt papers (percent escapes decoded), and for runs
 * of RUN words of withheld text. This reads the same bytes as one text (every run of words
 * or digits the check reads in a piece of text, this reads too) and as the attributes'
 * values (as the check reads them), and gives up on the page, for the check to read, at:
 * - a roster e-mail address (read around each "@", lower-cased), or a percent escape
 *   ("%40") when anything is looked for but runs;
 * - an entity that does not decode to a quote, a bracket, a space or "&" (so no letter,
 *   digit, "@", "/" or ":" comes from one), or an "&" that decoding again could change;
 * - a run of words whose hashes are those of a withheld run;
 * - a stretch of digits (joined by spaces, brackets, dots, hyphens or tags) holding a
 *   roster phone number (or one without its leading 0, which "+44" stands for);
 * - an exempt paper's path as it is written (its folder just before a "/");
 * - a capital sigma (whose lower case depends on the letters after it).
 * It is not used at all (pageScanner gives undefined) when an address has no "@" or is
 * not plain ASCII, or an address or path holds a character that escaping or a tag could
 * stand in for, or a path has no folder.
 */
import type { Secrets } from './leak-check.js';
import { KX, KX_TOP, KY, KY_TOP, NAMED, RUN, WORD_UNIT, wordChar, type RunFilter } from './check-text.js';

/**
 * Whether a file's bytes (the UTF-8 of its text) are clear of everything the check looks
 * for: a page (`page`), or a JSON file exactly as JSON.stringify writes its value (`json`),
 * whose strings, keys and values, the check reads one a line in the order they are written.
 */
export interface PageScan {
  page(bytes: Buffer): boolean;
  json(bytes: Buffer): boolean;
}

/** What an entity decodes to, as this reads it: a character between words, a space, "&", or something to give up at. */
const BETWEEN = 1;
const SPACE = 2;
const AMP = 3;
const GIVE_UP = 4;

function decodedKind(code: number): number {
  if (code === 0x26) return AMP;
  if (code === 0x20 || code === 0xa0) return SPACE;
  if (code === 0x22 || code === 0x27 || code === 0x3c || code === 0x3e) return BETWEEN;
  return GIVE_UP;
}

/** The entity names the check decodes, and what each decodes to (as decodedKind says). */
const NAME_KIND = new Map(Object.entries(NAMED).map(([name, ch]) => [name, decodedKind(ch.charCodeAt(0))]));
const LONGEST_NAME = Math.max(...[...NAME_KIND.keys()].map((n) => n.length));

/** The value of each byte as a hexadecimal digit (255: none). */
const HEX = new Uint8Array(256).fill(255);
for (let c = 0; c < 10; c++) HEX[0x30 + c] = c;
for (let c = 0; c < 6; c++) HEX[0x41 + c] = HEX[0x61 + c] = 10 + c;

const isLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

/** The white space of a regular expression's \s beyond ASCII. */
const isSpace = (cp: number) =>
  cp === 0xa0 ||
  cp === 0x1680 ||
  (cp >= 0x2000 && cp <= 0x200a) ||
  cp === 0x2028 ||
  cp === 0x2029 ||
  cp === 0x202f ||
  cp === 0x205f ||
  cp === 0x3000 ||
  cp === 0xfeff;

/**
 * What each character beyond ASCII is, lower-cased, for the words (0: not yet known): 1 between
 * words, 2 one code unit of a word (LOWER holds it), 3 anything else (worked out each time), 4
 * a character whose lower case depends on what follows it (the capital sigma).
 */
const KIND = new Uint8Array(0x10000);
const LOWER = new Uint16Array(0x10000);

function kindOf(cp: number): number {
  if (cp === 0x3a3) return (KIND[cp] = 4);
  const lowered = String.fromCharCode(cp).toLowerCase();
  const u = lowered.charCodeAt(0);
  if (lowered.length !== 1 || (u >= 0xd800 && u <= 0xdfff)) return (KIND[cp] = 3);
  if (!wordChar(u)) return (KIND[cp] = 1);
  LOWER[cp] = u;
  return (KIND[cp] = 2);
}

/** A text read as words and numbers: the run of the last RUN words, the word being read, the digits of the number. */
class Reading {
  readonly ring = new Int32Array(RUN * 2);
  x = 0;
  y = 0;
  n = 0;
  slot = 0;
  a = 0;
  b = 0;
  inWord = false;
  digits = new Uint8Array(64);
  nd = 0;
  reset(): void {
    this.x = this.y = this.n = this.slot = this.nd = 0;
    this.inWord = false;
  }
}

/** The quick look for `secrets` (the check's `only` the filter of its runs), or undefined when it cannot be used. */
export function pageScanner(secrets: Secrets, only: RunFilter | undefined): PageScan | undefined {
  const { runs, emails, phones, paths } = secrets;
  const unescaped = /[&<>"'%\\\s]/;
  if (emails.some((e) => !e.value.includes('@') || unescaped.test(e.value) || !/^[\x21-\x7e]*$/.test(e.value)))
    return undefined;
  const addresses = emails.map((e) => e.value);
  // The bytes either side of an "@" that could hold an address's characters (four bytes to each, as UTF-8 may need).
  const before = 4 * Math.max(0, ...addresses.map((v) => v.indexOf('@'))) + 4;
  const after = 4 * Math.max(0, ...addresses.map((v) => v.length - v.indexOf('@'))) + 4;
  const folders = new Map<string, Buffer[]>();
  const beforeSlash = new Uint8Array(256);
  for (const p of paths) {
    const slash = p.value.indexOf('/');
    if (slash <= 0 || unescaped.test(p.value)) return undefined;
    const folder = Buffer.from(p.value.slice(0, slash + 1));
    const key = folder.toString('latin1');
    const list = folders.get(key);
    if (list) list.push(Buffer.from(p.value));
    else folders.set(key, [Buffer.from(p.value)]);
    beforeSlash[folder[folder.length - 2]!] = 1;
  }
  const folderLengths = [...new Set([...folders.keys()].map((k) => k.length))];
  const escapes = emails.length > 0 || phones.length > 0 || paths.length > 0;
  const mask = only === undefined ? 0 : only.length * 8 - 1;
  const phoneDigits = phones.map((p) => p.digits);
  const phoning = phoneDigits.length > 0;
  // A number is compared when it could hold the shortest phone number without its leading 0.
  const fewestDigits = phoning ? Math.min(...phoneDigits.map((d) => d.length)) - 1 : Infinity;
  const text = new Reading();
  const attrs = new Reading();
  /** Where the search for the next attribute value goes on from (as the check's matchAll would). */
  let attrFrom = 0;
  /** The position of the last ">" of the page (a "<" after it begins no tag). */
  let lastGt = -1;

  /** A word read (its two hashes): it joins the run; false when the run may be withheld. */
  const endWord = (r: Reading, a: number, b: number): boolean => {
    const ring = r.ring;
    const s = r.slot;
    if (r.n >= RUN) {
      r.x = (r.x - Math.imul(ring[s]!, KX_TOP)) | 0;
      r.y = (r.y - Math.imul(ring[s + 1]!, KY_TOP)) | 0;
    }
    r.x = (Math.imul(r.x, KX) + a) | 0;
    r.y = (Math.imul(r.y, KY) + b) | 0;
    ring[s] = a;
    ring[s + 1] = b;
    r.slot = s === RUN * 2 - 2 ? 0 : s + 2;
    r.n++;
    if (r.n < RUN || mask === 0) return true;
    const bit = (((r.x & 7) << 21) | (r.y & 0x1fffff)) & mask;
    if ((only![bit >>> 3]! & (1 << (bit & 7))) === 0) return true;
    return !runs.has((r.x >>> 0) * 0x200000 + (r.y & 0x1fffff));
  };

  /** A number read: false when its digits may hold a phone number of the roster. */
  const endDigits = (r: Reading): boolean => {
    const nd = r.nd;
    r.nd = 0;
    if (nd < fewestDigits) return true;
    const s = Buffer.from(r.digits.buffer, r.digits.byteOffset, nd).toString('latin1');
    for (const p of phoneDigits) if (s.includes(p) || (p.startsWith('0') && s.includes(p.slice(1)))) return false;
    return true;
  };

  /** A digit of a number. */
  const addDigit = (r: Reading, c: number): void => {
    if (r.nd === r.digits.length) {
      const more = new Uint8Array(r.digits.length * 2);
      more.set(r.digits);
      r.digits = more;
    }
    r.digits[r.nd++] = c;
  };

  /** Whether the exempt paper's path may end its folder at the "/" at `i` (in a text from `from`). */
  const pathAt = (b: Buffer, i: number, from: number, to: number): boolean => {
    if (i === from || beforeSlash[b[i - 1]!] === 0) return false;
    for (const n of folderLengths) {
      const s = i + 1 - n;
      if (s < from) continue;
      const list = folders.get(b.toString('latin1', s, i + 1));
      if (list) for (const v of list) if (s + v.length <= to && v.equals(b.subarray(s, s + v.length))) return true;
    }
    return false;
  };

  /** What the entity at `i` decodes to (its kind, as decodedKind says; it ends at entityEnd); an "&" that begins none reads as BETWEEN. */
  let entityEnd = 0;
  const entityAt = (b: Buffer, i: number, to: number): number => {
    const j = i + 1;
    if (j < to && b[j] === 0x23) {
      let k = j + 1;
      let code = 0;
      let nd = 0;
      if (k < to && (b[k]! | 0x20) === 0x78) {
        for (k++; k < to && HEX[b[k]!] !== 255; k++, nd++) if (code < 0x110000) code = code * 16 + HEX[b[k]!]!;
      } else {
        for (; k < to && b[k]! >= 0x30 && b[k]! <= 0x39; k++, nd++)
          if (code < 0x110000) code = code * 10 + b[k]! - 0x30;
      }
      // "&#" with no number after it, or a number that is no character: left as written, digits and all.
      if (nd === 0 || code === 0 || code >= 0x110000) return GIVE_UP;
      entityEnd = k < to && b[k] === 0x3b ? k + 1 : k;
      return decodedKind(code);
    }
    let k = j;
    while (k < to && isLetter(b[k]!)) k++;
    const kind = k - j <= LONGEST_NAME ? NAME_KIND.get(b.toString('latin1', j, k).toLowerCase()) : undefined;
    if (kind === undefined) {
      // No entity (or a name the check leaves as it is): the "&" is read as itself, and what follows as text.
      entityEnd = j;
      return BETWEEN;
    }
    entityEnd = k < to && b[k] === 0x3b ? k + 1 : k;
    return kind;
  };

  /** Whether the "&" an entity decoded to, followed by the bytes from `p`, could be decoded again into something else. */
  const decodesAgain = (b: Buffer, p: number, to: number): boolean => {
    if (p >= to) return false;
    if (b[p] === 0x23) return true;
    let k = p;
    while (k < to && isLetter(b[k]!)) k++;
    return k > p && k - p <= LONGEST_NAME && NAME_KIND.has(b.toString('latin1', p, k).toLowerCase());
  };

  /** The word and the number being read end (a character between words that joins no number). */
  const brk = (r: Reading): boolean => {
    if (r.inWord) {
      r.inWord = false;
      if (!endWord(r, r.a, r.b)) return false;
    }
    return r.nd === 0 || endDigits(r);
  };

  /** A word ends, and not a number (a tab between its digits). */
  const endWordOnly = (r: Reading): boolean => {
    if (!r.inWord) return true;
    r.inWord = false;
    return endWord(r, r.a, r.b);
  };

  /** A character beyond ASCII, other than a letter of one code unit (`kind` as KIND says), read into `r`: false when something may be withheld. */
  const beyondAscii = (r: Reading, cp: number, kind: number): boolean => {
    // A no-break space: between words, and within a number.
    if (cp === 0xa0) return endWordOnly(r);
    if (r.nd > 0 && !endDigits(r)) return false;
    if (kind === 4) return false;
    if (kind === 1) return endWordOnly(r);
    // Lower-cased into more than one character, or beyond the first plane: each of its characters in turn.
    const lowered = String.fromCodePoint(cp).toLowerCase();
    for (let k = 0; k < lowered.length;) {
      const q = lowered.codePointAt(k)!;
      const units = q > 0xffff ? 2 : 1;
      if (!wordChar(q)) {
        if (!endWordOnly(r)) return false;
      } else {
        if (!r.inWord) {
          r.a = 0x811c9dc5 | 0;
          r.b = 0x12345678;
          r.inWord = true;
        }
        for (let u = 0; u < units; u++) {
          const unit = lowered.charCodeAt(k + u);
          r.a = Math.imul(r.a ^ unit, 0x01000193);
          r.b = Math.imul(r.b ^ unit, 0x5bd1e995) ^ (r.b >>> 13);
        }
      }
      k += units;
    }
    return true;
  };

  /**
   * Reads the bytes from `from` to `to` into `r`: false as soon as something may be withheld.
   * With `tags`, a tag (from "<" to the next ">") is read as a space, and each attribute
   * value begun on the way is read into the attributes' reading.
   */
  const read = (r: Reading, b: Buffer, from: number, to: number, tags: boolean, entities = true): boolean => {
    let a = r.a;
    let h = r.b;
    let inWord = r.inWord;
    const ring = r.ring;
    let x = r.x;
    let y = r.y;
    let n = r.n;
    let slot = r.slot;
    let i = from;
    while (i < to) {
      let c = b[i]!;
      if (c < 0x80) {
        if (WORD_UNIT[c] === 1) {
          if (c >= 0x41 && c <= 0x5a) c += 32;
          if (!inWord) {
            a = 0x811c9dc5 | 0;
            h = 0x12345678;
            inWord = true;
          }
          a = Math.imul(a ^ c, 0x01000193);
          h = Math.imul(h ^ c, 0x5bd1e995) ^ (h >>> 13);
          if (phoning) {
            if (c <= 0x39) addDigit(r, c);
            else if (r.nd > 0 && !endDigits(r)) return false;
          }
          i++;
          continue;
        }
        if (inWord) {
          // The word joins the run (as endWord, here for speed: most words end so).
          inWord = false;
          if (n >= RUN) {
            x = (x - Math.imul(ring[slot]!, KX_TOP)) | 0;
            y = (y - Math.imul(ring[slot + 1]!, KY_TOP)) | 0;
          }
          x = (Math.imul(x, KX) + a) | 0;
          y = (Math.imul(y, KY) + h) | 0;
          ring[slot] = a;
          ring[slot + 1] = h;
          slot = slot === RUN * 2 - 2 ? 0 : slot + 2;
          n++;
          if (n >= RUN && mask !== 0) {
            const bit = (((x & 7) << 21) | (y & 0x1fffff)) & mask;
            if ((only![bit >>> 3]! & (1 << (bit & 7))) !== 0 && runs.has((x >>> 0) * 0x200000 + (y & 0x1fffff)))
              return false;
          }
        }
        switch (c) {
          case 0x20:
          case 0x09:
          case 0x28:
          case 0x29:
          case 0x2e:
          case 0x2d:
            // Between words, and within a number.
            i++;
            continue;
          case 0x3c:
            if (tags && i < lastGt) {
              let j = i + 1;
              for (; b[j] !== 0x3e; j++) {
                // (Reading a value touches only the attributes' reading, not this one.)
                if (b[j] === 0x3d && j >= attrFrom && !attrAt(b, j)) return false;
              }
              // A tag reads as a space.
              i = j + 1;
              continue;
            }
            break;
          case 0x3d:
            if (tags && i >= attrFrom && !attrAt(b, i)) return false;
            break;
          case 0x26: {
            if (!entities) break;
            const kind = entityAt(b, i, to);
            if (kind === GIVE_UP) return false;
            if (kind === AMP && decodesAgain(b, entityEnd, to)) return false;
            i = entityEnd;
            if (kind === SPACE) continue;
            if (r.nd > 0 && !endDigits(r)) return false;
            continue;
          }
          case 0x2f:
            if (folders.size > 0 && pathAt(b, i, from, to)) return false;
            break;
        }
        if (r.nd > 0 && !endDigits(r)) return false;
        i++;
        continue;
      }
      // A character beyond ASCII (the bytes are UTF-8, so it is whole here).
      let cp: number;
      let len: number;
      if (c < 0xe0) {
        cp = ((c & 0x1f) << 6) | (b[i + 1]! & 0x3f);
        len = 2;
      } else if (c < 0xf0) {
        cp = ((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f);
        len = 3;
      } else {
        cp = ((c & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f);
        len = 4;
      }
      if (i + len > to) return false;
      i += len;
      const kind = cp < 0x10000 ? KIND[cp] || kindOf(cp) : 3;
      if (kind === 2) {
        // A letter of one code unit lower-cased (as most beyond ASCII are): the word goes on.
        if (r.nd > 0 && !endDigits(r)) return false;
        const u = LOWER[cp]!;
        if (!inWord) {
          a = 0x811c9dc5 | 0;
          h = 0x12345678;
          inWord = true;
        }
        a = Math.imul(a ^ u, 0x01000193);
        h = Math.imul(h ^ u, 0x5bd1e995) ^ (h >>> 13);
        continue;
      }
      // Anything else (rarer) is read by beyondAscii, the reading handed over as it stands and taken back.
      r.a = a;
      r.b = h;
      r.inWord = inWord;
      r.x = x;
      r.y = y;
      r.n = n;
      r.slot = slot;
      if (!beyondAscii(r, cp, kind)) return false;
      a = r.a;
      h = r.b;
      inWord = r.inWord;
      x = r.x;
      y = r.y;
      n = r.n;
      slot = r.slot;
    }
    r.a = a;
    r.b = h;
    r.inWord = inWord;
    r.x = x;
    r.y = y;
    r.n = n;
    r.slot = slot;
    return true;
  };

  /**
   * At an "=" at `j`, where the check's search for attribute values has come to: the value
   * it finds there (after any white space, in quotes), read into the attributes' reading.
   */
  const attrAt = (b: Buffer, j: number): boolean => {
    const len = b.length;
    let k = j + 1;
    for (;;) {
      if (k >= len) return true;
      const c = b[k]!;
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
        k++;
        continue;
      }
      if (c >= 0xc2 && c < 0xf0) {
        const cp =
          c < 0xe0
            ? ((c & 0x1f) << 6) | (b[k + 1]! & 0x3f)
            : ((c & 0x0f) << 12) | ((b[k + 1]! & 0x3f) << 6) | (b[k + 2]! & 0x3f);
        if (isSpace(cp)) {
          k += c < 0xe0 ? 2 : 3;
          continue;
        }
      }
      break;
    }
    const q = b[k];
    if (q !== 0x22 && q !== 0x27) return true;
    const end = b.indexOf(q, k + 1);
    if (end < 0) return true;
    attrFrom = end + 1;
    // The values are read one a line: a word and a number end between them.
    return brk(attrs) && read(attrs, b, k + 1, end, false);
  };

  /** The "@"s and percent escapes of a file, as the check would read them: false when one may be what it looks for. */
  const contactsClear = (b: Buffer): boolean => {
    // Each "@", with what is either side of it read as the check reads it (lower-cased: a
    // letter beyond ASCII may lower-case into one in ASCII); entities, tags and escapes in an
    // address are not read past, as no address holds a character any could stand for.
    if (addresses.length > 0)
      for (let i = b.indexOf(0x40); i >= 0; i = b.indexOf(0x40, i + 1)) {
        const around = b.toString('utf8', Math.max(0, i - before), Math.min(b.length, i + after)).toLowerCase();
        for (const v of addresses) if (around.includes(v)) return false;
      }
    if (escapes)
      for (let i = b.indexOf(0x25); i >= 0 && i + 2 < b.length; i = b.indexOf(0x25, i + 1))
        if (HEX[b[i + 1]!] !== 255 && HEX[b[i + 2]!] !== 255) return false;
    return true;
  };

  return {
    page(b) {
      if (!contactsClear(b)) return false;
      text.reset();
      attrs.reset();
      attrFrom = 0;
      lastGt = b.lastIndexOf(0x3e);
      return read(text, b, 0, b.length, true) && brk(text) && brk(attrs);
    },
    json(b) {
      if (!contactsClear(b)) return false;
      const r = text;
      r.reset();
      const len = b.length;
      for (let i = b.indexOf(0x22); i >= 0; i = b.indexOf(0x22, i)) {
        // A string, from the quote at i to the next quote not escaped: one line of the check's text.
        if (!brk(r)) return false;
        let k = i + 1;
        let from = k;
        for (;;) {
          if (k >= len) return false;
          const c = b[k]!;
          if (c === 0x22) break;
          if (c !== 0x5c) {
            k++;
            continue;
          }
          if (!read(r, b, from, k, false, false)) return false;
          const e = b[k + 1];
          if (e === 0x74) {
            if (!endWordOnly(r)) return false;
            k += 2;
          } else if (e === 0x22 || e === 0x5c || e === 0x6e || e === 0x72 || e === 0x62 || e === 0x66) {
            if (!brk(r)) return false;
            k += 2;
          } else if (e === 0x75 && k + 5 < len) {
            let code = 0;
            for (let d = 2; d < 6; d++) {
              const v = HEX[b[k + d]!]!;
              if (v === 255) return false;
              code = code * 16 + v;
            }
            // Only what JSON.stringify escapes so: a control character.
            if (code === 0x09) {
              if (!endWordOnly(r)) return false;
            } else if (code < 0x20) {
              if (!brk(r)) return false;
            } else return false;
            k += 6;
          } else return false;
          from = k;
        }
        if (!read(r, b, from, k, false, false)) return false;
        i = k + 1;
      }
      return brk(r);
    },
  };
}
