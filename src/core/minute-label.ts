/**
 * Minute numbering as boards do it: numbers carried on across meetings, restarted each
 * meeting, or restarted each municipal year, written in a label such as "SSP {n}/{yy}"
 * ("SSP 53/15"), with a change of practice from a date.
 */

/** How minutes are numbered in a period. */
export type NumberingMode = 'continuous' | 'per-meeting' | 'per-year';

/** The numbering in force for one meeting. */
export interface NumberingInForce {
  mode: NumberingMode;
  /** The label with {yy}/{yyyy} filled in for the meeting's municipal year ("SSP {n}/15"); absent for plain numbers. */
  label?: string;
  /** The first day of the period in force ("" for the first period). */
  period: string;
  /** The municipal year the meeting falls in, as the year it started (2015 for 2015/16). */
  year: number;
}

/** The numbering settings of partnership.md, as far as this module needs them. */
export interface NumberingSettings {
  minute_numbering: NumberingMode | { from?: string; mode: NumberingMode; label?: string }[];
  year_starts: string;
  minute_label?: string;
}

/** The year (as it started) of the municipal year `date` falls in, the year starting on `yearStarts` ("MM-DD"). */
export function municipalYear(date: string, yearStarts: string): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5, 10) < yearStarts ? year - 1 : year;
}

/** The numbering in force on `date`. */
export function numberingOn(settings: NumberingSettings, date: string): NumberingInForce {
  const year = municipalYear(date, settings.year_starts);
  let mode: NumberingMode;
  let label = settings.minute_label;
  let period = '';
  if (typeof settings.minute_numbering === 'string') mode = settings.minute_numbering;
  else {
    const periods = [...settings.minute_numbering].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
    let chosen = periods[0]!;
    for (const p of periods) if ((p.from ?? '') <= date) chosen = p;
    mode = chosen.mode;
    if (chosen.label !== undefined) label = chosen.label;
    period = chosen.from ?? '';
  }
  const out: NumberingInForce = { mode, period, year };
  if (label !== undefined) out.label = fillYear(label, year);
  return out;
}

function fillYear(label: string, year: number): string {
  return label.replace(/\{yyyy\}/g, String(year)).replace(/\{yy\}/g, String(year % 100).padStart(2, '0'));
}

/** A minute's number as the heading writes it: "SSP 53/15", or "53" without a label. */
export function formatMinute(label: string | undefined, n: number): string {
  return label === undefined ? String(n) : label.replace(/\{n\}/g, String(n));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern for the start of a heading in a label, group 1 the number: a filled-in label
 * matches its own year only; the partnership's label, with {yy}/{yyyy} still in it, any year.
 */
export function labelPattern(label: string): RegExp {
  const source = label
    .split(/(\{n\}|\{yyyy\}|\{yy\})/)
    .map((part) =>
      part === '{n}'
        ? '(\\d{1,6})'
        : part === '{yyyy}'
          ? '\\d{4}'
          : part === '{yy}'
            ? '\\d{2}'
            : escape(part).replace(/ +/g, '\\s+'),
    )
    .join('');
  return new RegExp(`^${source}`, 'i');
}
