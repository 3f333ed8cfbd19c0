/**
 * Lists of names as minutes write them: "Cllr Bernice Vanier (Chair); Andrew Blight; …",
 * "Councillors A, B and C", "Sandeep Broca, Peter de Bourg (Haringey Council)" — where a
 * bracketed organisation applies to the run of names before it — and the apologies
 * sentence with its substitutes in their common forms.
 */

/** One name from a list, with what its brackets said. */
export interface ListedName {
  name: string;
  organisation?: string;
  chair?: boolean;
  /** For apologies: who attended in this person's place. */
  substitute?: string;
}

/** Splits at commas, semicolons and "and"/"&" outside brackets. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  const semis = /;/.test(text.replace(/\([^)]*\)/g, ''));
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(' || c === '[') depth++;
    if ((c === ')' || c === ']') && depth > 0) depth--;
    if (depth === 0 && (c === ';' || (!semis && c === ','))) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  const out: string[] = [];
  for (const p of parts) {
    // "A and B" splits, but not inside brackets and not when the list uses semicolons
    // and this part is one name ("Hamera Asfa Davey").
    const pieces = splitAnd(p);
    out.push(...pieces);
  }
  return out.map((s) => s.trim()).filter(Boolean);
}

/** The index of the first comma outside brackets, or -1. */
function topComma(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === ',' && depth === 0) return i;
  }
  return -1;
}

/** Splits "A and B" / "A & B" at the top level (outside brackets). */
function splitAnd(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) {
      const rest = text.slice(i);
      const m = /^\s+(?:and|&)\s+/i.exec(rest);
      if (m && i > start) {
        out.push(text.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  out.push(text.slice(start));
  return out;
}

const CHAIR = /^(?:(?:co|vice|deputy)[- ]?)?chair(?:man|woman|person)?(?:\s+for\s+the\s+meeting)?$|^in the chair$/i;
const SUBSTITUTE =
  /\bsubstitut|\brepresented by\b|\bdeputi[sz]|\bin (?:his|her|their) place\b|\bdeputy\b|\battending for\b/i;

/** The substitute named inside an apology's brackets: "(Gill Gibson substituted)", "(substituted by X)". */
function substituteIn(bracket: string): string | undefined {
  const b = bracket.trim();
  let m = /^(?:substituted|represented|deputised|replaced)\s+by\s+(.+)$/i.exec(b);
  if (m) return m[1];
  m = /^(?:substitute|deputy|sub)\s*[:-]?\s*(.+)$/i.exec(b);
  if (m) return m[1];
  m =
    /^(.+?)\s+(?:substituted|substituting|substitute|deputised|deputising|attended|attending)(?:\s+(?:for\s+(?:him|her|them)|in (?:his|her|their) place))?$/i.exec(
      b,
    );
  if (m) return m[1];
  m = /^(.+?)\s+as\s+(?:a\s+)?substitute$/i.exec(b);
  if (m) return m[1];
  return undefined;
}

/** Cleans one name: leading "and", trailing full stop, a leading plural honorific. */
function cleanName(s: string): string {
  return s
    .replace(/^(?:and|&)\s+/i, '')
    .replace(/^(?:councillors|cllrs\.?)\s+/i, 'Cllr ')
    .replace(/[.:;,]+$/, '')
    .trim();
}

/** Reads a list of names; a bracketed organisation applies to the run of names before it. */
export function parseNameList(text: string): ListedName[] {
  let body = text.trim().replace(/\.$/, '');
  // "Councillors A, B and C": the honorific belongs to every name of the run.
  const plural = /^(?:councillors|cllrs\.?)\s+/i.exec(body);
  if (plural) body = body.slice(plural[0].length);
  const names: ListedName[] = [];
  let runStart = 0;
  const semis = /;/.test(body.replace(/\([^)]*\)/g, ''));
  for (const whole of splitTop(body)) {
    // With semicolons between people, a comma inside one entry introduces their post:
    // "Jane Doe, Head of Community Safety".
    let token = whole;
    let post: string | undefined;
    const comma = semis ? topComma(whole) : -1;
    if (comma >= 0) {
      token = whole.slice(0, comma);
      post =
        whole
          .slice(comma + 1)
          .replace(/\([^()]*\)/g, ' ')
          .trim() || undefined;
      token += ' ' + [...whole.slice(comma).matchAll(/\([^()]*\)/g)].map((m) => m[0]).join(' ');
    }
    const brackets = [...token.matchAll(/\(([^()]*)\)/g)].map((m) => m[1]!.trim());
    const bare = cleanName(token.replace(/\([^()]*\)/g, ' ').replace(/\s+/g, ' '));
    if (!bare || !/\p{L}/u.test(bare)) continue;
    const entry: ListedName = { name: plural ? `Cllr ${bare}` : bare };
    let org: string | undefined;
    for (const b of brackets) {
      if (CHAIR.test(b)) entry.chair = true;
      else if (SUBSTITUTE.test(b)) {
        const s = substituteIn(b);
        if (s) entry.substitute = cleanName(s);
      } else if (b) {
        // "(Chair, Haringey Council)": a chair word and an organisation together.
        const parts = b.split(/\s*,\s*/);
        for (const part of parts) {
          if (CHAIR.test(part)) entry.chair = true;
          else if (part) org = part;
        }
      }
    }
    if (post && !org) entry.organisation = post;
    names.push(entry);
    if (org) for (let i = runStart; i < names.length; i++) names[i]!.organisation ??= org;
    // Any bracket closes the run: "(Chair)" belongs to its own name only.
    if (org || brackets.length) runStart = names.length;
  }
  return names;
}

/** A substitution written as its own sentence: "X attended as substitute for Y", "with the substitution of X for Y". */
export interface Substitution {
  substitute: string;
  member: string;
}

const WORD = "[A-Z][\\w'’-]*\\.?";
const NAME = `(?:${WORD}\\s+){0,4}[A-Z][\\w'’-]*`;
const SUB_SENTENCES: RegExp[] = [
  new RegExp(
    `(?:^|[;,]\\s*|\\band\\s+)(${NAME})\\s+(?:attended|was present|was in attendance|attending)\\s+as\\s+(?:a\\s+|the\\s+)?(?:substitute|deputy)\\s+for\\s+(${NAME})`,
    'g',
  ),
  new RegExp(`\\bwith the substitution of\\s+(${NAME})\\s+for\\s+(${NAME})`, 'g'),
  new RegExp(
    `(?:^|[;,]\\s*|\\band\\s+)(${NAME})\\s+(?:substituted|substituting|deputised|deputising)\\s+for\\s+(${NAME})`,
    'g',
  ),
];

/** Abbreviated honorifics after which a full stop does not end a sentence. */
const ABBREVIATIONS =
  /\b(?:cllr|cllrs|dr|mr|mrs|ms|mx|supt|insp|ch|st|prof|rev|revd|sgt|det|no|co|ltd|inc|e\.g|i\.e|etc)\.$/i;

/** Splits text into sentences at ". " before a capital, not after "Cllr." or "Dr.". */
export function sentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /[.!?]\s+(?=[A-Z(“"'])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(start, m.index + 1);
    if (ABBREVIATIONS.test(before)) continue;
    out.push(before.trim());
    start = m.index + m[0].length;
  }
  const last = text.slice(start).trim();
  if (last) out.push(last);
  return out;
}

/** Finds substitutions written as sentences, and returns the text without them. */
export function findSubstitutions(text: string): { subs: Substitution[]; rest: string } {
  const subs: Substitution[] = [];
  const kept: string[] = [];
  for (const sentence of sentences(text)) {
    let rest = sentence;
    for (const re of SUB_SENTENCES) {
      rest = rest.replace(re, (whole: string, s: string, m: string) => {
        subs.push({ substitute: cleanName(s), member: cleanName(m) });
        const lead = /^[;,]\s*|^and\s+/.exec(whole)?.[0] ?? '';
        return lead.trim() ? `${lead.trim()} ` : ' ';
      });
    }
    rest = rest.replace(/[\s,;]+(?:and\s*)?([.]?)$/, '$1').trim();
    if (rest && rest !== '.') kept.push(rest);
  }
  return { subs, rest: kept.join(' ') };
}

/** "Apologies were received from …" and its variants; the list, or undefined when the text says none. */
export function parseApologies(text: string): { names: ListedName[]; subs: Substitution[]; none: boolean } | undefined {
  if (/\b(?:there were )?no apologies\b/i.test(text)) return { names: [], subs: [], none: true };
  const { subs, rest } = findSubstitutions(text);
  const lead =
    /^(?:.*?\b)?(?:apologies(?:\s+for\s+(?:absence|lateness))?\s+(?:were|was|had been|have been)\s+(?:received|noted|submitted|given|tendered|reported)\s*(?:from|by|on behalf of|for)?|apologies(?:\s+for\s+absence)?\s*(?:were\s+)?(?:from|:|-|–)|(?:received|noted)\s+apologies\s+(?:for absence\s+)?from|apologies(?:\s+for\s+absence)?)\s*/i.exec(
      rest,
    );
  if (!lead) return subs.length ? { names: [], subs, none: false } : undefined;
  const list = (sentences(rest.slice(lead[0].length))[0] ?? '').replace(/\s*[.]\s*$/, '');
  return { names: parseNameList(list), subs, none: false };
}
