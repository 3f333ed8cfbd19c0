/**
 * People's names as the minutes write them: the same name whatever its case, apostrophe
 * style, spacing, full stops or honorifics ("Cllr. Alan Butcher" is "alan butcher", and
 * "Dax O’Connor" is "Dax O'Connor").
 */

/** Honorifics and ranks set aside when names are compared (longest first). */
const HONORIFICS = [
  'chief superintendent',
  'ch supt',
  'chief inspector',
  'det supt',
  'det insp',
  'superintendent',
  'councillors',
  'councillor',
  'inspector',
  'sergeant',
  'professor',
  'reverend',
  'cllrs',
  'cllr',
  'cll',
  'supt',
  'insp',
  'prof',
  'revd',
  'rev',
  'dame',
  'sir',
  'lord',
  'lady',
  'miss',
  'mrs',
  'mr',
  'ms',
  'mx',
  'dr',
  'dci',
  'di',
  'ds',
  'dc',
  'ci',
  'pc',
  'ps',
  'sgt',
  'acc',
  'dcc',
  'cc',
];
const POSTNOMINALS = /(?:,?\s+(?:obe|mbe|cbe|qpm|kpm|jp|mp|dl|qc|kc))+$/;

/** A name as compared: lower case, straight apostrophes, one space, no honorifics or full stops. */
export function normaliseName(name: string): string {
  let s = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\./g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(POSTNOMINALS, '');
  for (let again = true; again;) {
    again = false;
    for (const h of HONORIFICS) {
      if (s.startsWith(`${h} `)) {
        s = s.slice(h.length + 1).trim();
        again = true;
        break;
      }
    }
  }
  return s;
}

/** The id a name would get: its words without honorifics, lower case, joined by hyphens. */
export function slugOf(name: string): string {
  return normaliseName(name)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A name or initials a person is known by, used only between `from` and `to` (both days included) when given. */
export interface Alias {
  name: string;
  from?: string;
  to?: string;
}

/** An alias as members.yaml may write it (a bare name, or `{ name, from, to }`), as an Alias. */
export function aliasOf(written: string | Alias): Alias {
  return typeof written === 'string' ? { name: written } : written;
}

/** Whether an alias was in use on `date` (any day when no date is given). */
export function aliasInUse(alias: Alias, date: string | undefined): boolean {
  if (date === undefined) return true;
  return (alias.from === undefined || alias.from <= date) && (alias.to === undefined || date <= alias.to);
}

/** Whether `written` is `name` once case, apostrophes, spacing and honorifics are set aside. */
export function sameName(written: string, name: string): boolean {
  const a = normaliseName(written);
  return a !== '' && a === normaliseName(name);
}
