/**
 * csp member join ID --name N --organisation O --sector S [--role R] [--date D] …, and
 * csp member leave ID --date D: roster changes in members.yaml, every other byte kept.
 */
import { UsageError } from '../core/errors.js';
import { PERSON_ID } from '../core/ids.js';
import type { Role } from '../model/types.js';
import { joinMember, leaveMember, type RosterResult } from '../ops/roster.js';
import { userDate, type Ctx } from './context.js';
import { lineOption } from './line-option.js';
import { str } from './options.js';
import { opContext } from './read.js';

/** A person id the clerk typed: a slug, never a path. */
function personId(value: string): string {
  if (!PERSON_ID.test(value))
    throw new UsageError(
      `"${value}" is not a person id. An id is lower-case letters and digits in words joined by single hyphens, e.g. amira-hassan.`,
    );
  return value;
}

function report(ctx: Ctx, opts: Record<string, unknown>, r: RosterResult, line: string): void {
  if (str(opts.format) === 'json') ctx.out(JSON.stringify(r, null, 2) + '\n');
  else ctx.out(`${line}\n`);
}

/** csp member join */
export async function runJoin(ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> {
  const id = personId(args[0] ?? '');
  const name = lineOption(opts.name, '--name', 'Cllr Amira Hassan')!;
  const organisation = lineOption(opts.organisation, '--organisation', 'Example Borough Council')!;
  const sector = lineOption(opts.sector, '--sector', 'local-authority')!;
  const email = lineOption(opts.email, '--email', 'amira.hassan@example.gov.uk');
  if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    throw new UsageError(`--email "${email}" is not an e-mail address (e.g. amira.hassan@example.gov.uk).`);
  const phone = lineOption(opts.phone, '--phone', '020 7946 0000');
  const deputies = (Array.isArray(opts.deputy) ? (opts.deputy as string[]) : []).flatMap((d) =>
    d
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '')
      .map(personId),
  );
  const joined = userDate(str(opts.date) ?? ctx.today, '--date');
  const voting = typeof opts.voting === 'boolean' ? opts.voting : undefined;
  const r = await joinMember(opContext(ctx), {
    id,
    name,
    organisation,
    sector,
    role: (str(opts.role) ?? 'member') as Role,
    voting,
    joined,
    deputies,
    email,
    phone,
  });
  report(ctx, opts, r, `Added ${name} (${id}, ${organisation}) to members in ${r.file}, from ${joined}`);
  return 0;
}

/** csp member leave */
export async function runLeave(ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> {
  const id = personId(args[0] ?? '');
  const date = userDate(str(opts.date) ?? '', '--date');
  const r = await leaveMember(opContext(ctx), id, date);
  report(ctx, opts, r, `${String(r.member.name)} (${id}) leaves the board on ${date}; recorded in ${r.file}`);
  return 0;
}
