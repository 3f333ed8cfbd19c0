/**
 * csp minutes new: drafts minutes.md from the agenda, numbered on from the last minutes.
 * csp minutes approve: syncs the actions, re-validates, and records the minutes as
 * confirmed at a later meeting, keeping every other byte of the file.
 */
import { exists } from '../workspace/files.js';
import { readRecord } from './read.js';
import path from 'node:path';
import type { Ctx } from './context.js';
import { ProblemError, UsageError } from '../core/errors.js';
import type { LoadedRecord } from '../load/load.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Loaded, MeetingEntry, MinutesDoc } from '../model/types.js';
import { runRules } from '../rules/index.js';
import { minutesDraftView } from '../render/minutes-draft.js';
import { loadTemplate } from '../render/record-templates.js';
import { applyEdits, insertTopLevel, replaceValue, type Edit } from '../ops/edit.js';
import { createExclusive, replaceFile, withRecordLock } from '../workspace/write.js';
import { shown } from '../core/paths.js';
import { syncActions } from './actions.js';
import { checkEdit, checkRendered, loadForMeetings, meetingArg, meetingDoc, meetingIdArg } from './meeting-docs.js';

/** `file:line:col  severity  message  rule`, as csp validate prints it. */
function diagnosticLine(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.rule}`;
}

/**
 * The first minute number for `entry`: 1 per meeting, or under continuous numbering one
 * after the highest number in the latest earlier minutes that have items. Exit 2 when
 * earlier minutes exist but cannot be read (their numbers would be guessed).
 */
export function firstMinuteNumber(
  rec: LoadedRecord,
  entry: MeetingEntry,
): { first: number; after?: MeetingEntry; gaps: MeetingEntry[] } {
  if (rec.settings.minute_numbering === 'per-meeting') return { first: 1, gaps: [] };
  const before = rec.meetings.filter((m) => m.id < entry.id);
  const gaps: MeetingEntry[] = [];
  for (let i = before.length - 1; i >= 0; i--) {
    const m = before[i]!;
    const file = path.join(m.dir, 'minutes.md');
    if (exists(file) && (!m.minutes || !m.items)) {
      throw new UsageError(
        `The minutes of ${m.id} (${shown(rec.display, `meetings/${m.id}/minutes.md`)}) cannot be read, so the numbering cannot continue from them. Correct them first; csp validate lists every problem.`,
      );
    }
    if (m.items && m.items.length > 0)
      return { first: Math.max(...m.items.map((it) => it.number)) + 1, after: m, gaps };
    if (!m.minutes && m.meeting?.data.status !== 'cancelled') gaps.push(m);
  }
  return { first: 1, gaps };
}

/** csp minutes new MEETING */
export async function runNew(ctx: Ctx, _opts: Record<string, unknown>, args: string[]): Promise<number> {
  const id = meetingIdArg(String(args[0] ?? ''), 'The meeting');
  const rec = loadForMeetings(ctx, { minutesBodies: true, roster: true });
  const entry = meetingArg(rec, id);
  const doc = meetingDoc(rec, entry);
  if (doc.status === 'cancelled')
    throw new ProblemError(
      `The meeting ${id} is cancelled, so it has no minutes. If it went ahead after all, change its status in meeting.md first.`,
    );
  const rel = `meetings/${id}/minutes.md`;
  const display = shown(rec.display, rel);
  const abs = path.join(entry.dir, 'minutes.md');
  if (exists(abs))
    throw new ProblemError(
      `The meeting ${id} already has minutes (${display}); nothing was changed. Edit that file instead.`,
    );

  const { first, gaps } = firstMinuteNumber(rec, entry);
  const template = loadTemplate(rec.root, rec.display, 'minutes.md.hbs');
  const view = minutesDraftView(rec, entry, doc, first);
  const text = template.render(view).replace(/\n+$/, '\n');
  checkRendered(text, 'minutes', template.shown);
  if (!createExclusive(abs, text))
    throw new ProblemError(
      `The meeting ${id} already has minutes (${display}): they were created while csp was working. Nothing was changed.`,
    );

  ctx.out(`Created ${display}\n`);
  ctx.out(
    view.last >= view.first
      ? `Minutes ${view.first} to ${view.last}, draft. Prune "present" to those who attended, add who else attended, and write up each item; then run csp actions sync.\n`
      : 'Draft minutes with no items.\n',
  );
  for (const g of gaps) {
    ctx.err(
      `csp: warning: the meeting of ${g.id} has no minutes yet; these minutes are numbered on from the minutes before it. Renumber if that meeting's minutes come first.\n`,
    );
  }
  const later = rec.meetings.filter((m) => m.id > id && m.minutes);
  if (rec.settings.minute_numbering === 'continuous' && later.length > 0) {
    ctx.err(
      `csp: warning: later meetings (${later.map((m) => m.id).join(', ')}) already have minutes, so these numbers may clash with theirs. Run csp validate.\n`,
    );
  }

  // Read back what was written, as csp validate would.
  const after = readRecord(ctx, { minutesBodies: true });
  const problems = runRules({ rec: after, today: ctx.today }).filter(
    (d) => d.file === display && d.severity === 'error',
  );
  for (const d of problems) ctx.err(`${diagnosticLine(d)}\n`);
  return problems.length > 0 ? 1 : 0;
}

/** csp minutes approve MEETING --at MEETING */
export async function runApprove(ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> {
  const id = meetingIdArg(String(args[0] ?? ''), 'The meeting');
  const at = meetingIdArg(String(opts.at ?? ''), '--at');
  const first = loadForMeetings(ctx);
  const entry = meetingArg(first, id);
  const atEntry = meetingArg(first, at, '--at');
  if (at <= id)
    throw new UsageError(
      `--at ${at} is not after ${id}. Minutes are confirmed at a later meeting: name it, e.g. --at ${first.meetings.find((m) => m.id > id)?.id ?? 'YYYY-MM-DD'}.`,
    );
  if (atEntry.meeting?.data.status === 'cancelled')
    throw new UsageError(
      `The meeting ${at} is cancelled, so no minutes were confirmed at it. Name the meeting that confirmed them.`,
    );
  const rel = `meetings/${id}/minutes.md`;
  const display = shown(first.display, rel);
  if (!exists(path.join(entry.dir, 'minutes.md')))
    throw new ProblemError(
      `The meeting ${id} has no minutes to approve (${display} does not exist). Draft them with: csp minutes new ${id}`,
    );
  if (entry.minutes?.data.status === 'approved')
    throw new ProblemError(
      `The minutes of ${id} are already approved: approved minutes are a legal record and cannot change. A correction must be agreed at a later meeting and recorded under corrections.`,
    );

  await withRecordLock(first.root, ctx.io.system, async () => {
    const sync = await syncActions({
      root: first.root,
      display: first.display,
      meetings: [id],
      lock: false,
      env: ctx.io.env,
      system: ctx.io.system,
    });
    for (const c of sync.created) ctx.out(`Created action ${c.id} (${c.file})\n`);

    // Everything again from disk, as csp validate sees it after the sync.
    const rec = readRecord(ctx, { minutesBodies: true, links: true });
    const mine = rec.meetingsById.get(id);
    const loaded = mine?.minutes;
    if (loaded?.data.status === 'approved')
      throw new ProblemError(
        `The minutes of ${id} were approved meanwhile: approved minutes are a legal record and cannot change.`,
      );
    const actionFiles = new Set<string>();
    for (const a of rec.actions) if (a.action.data.raised?.meeting === id) actionFiles.add(a.action.file.display);
    for (const a of rec.unreadActions)
      if (a.startsWith(`${id}-`)) actionFiles.add(shown(rec.display, `actions/${a}.md`));
    // An action-sync warning in a draft becomes an error once approved, so it blocks too.
    const blocking = runRules({ rec, today: ctx.today }).filter(
      (d) => (d.file === display || actionFiles.has(d.file)) && (d.severity === 'error' || d.rule === 'action-sync'),
    );
    if (!loaded || blocking.length > 0) {
      for (const d of blocking) ctx.err(`${diagnosticLine(d)}\n`);
      for (const r of sync.refused)
        if (!blocking.some((d) => d.file === r.file && d.line === r.line))
          ctx.err(`${r.file}:${r.line}:${r.column}  error  ${r.message}  action-sync\n`);
      throw new ProblemError(
        `The minutes of ${id} do not validate${blocking.length > 0 ? ` (${blocking.length} problem${blocking.length === 1 ? '' : 's'} above)` : ''}, so they were left as a draft. Correct them and run the command again.`,
      );
    }

    const l = loaded as Loaded<unknown>;
    const d: MinutesDoc = loaded.data;
    const edits: Edit[] = [replaceValue(l, ['status'], 'approved')];
    if (d.approved !== undefined && l.range(['approved', 'meeting']))
      edits.push(replaceValue(l, ['approved', 'meeting'], at));
    else if (d.approved === undefined) edits.push(insertTopLevel(l, 'approved', `{ meeting: ${at} }`, ['status']));
    else
      throw new ProblemError(
        `${display} has an "approved" field csp cannot update safely; nothing was written. Set it to approved: { meeting: ${at} } by hand.`,
      );
    const next = applyEdits(loaded.file.text, edits);
    checkEdit(next, { ...d, status: 'approved', approved: { meeting: at } }, display);
    replaceFile(loaded.file, next);
  });

  ctx.out(
    `Approved the minutes of ${id}, confirmed at the meeting of ${at} (${display}). From now on they change only by a correction agreed at a later meeting.\n`,
  );
  if (atEntry.date > ctx.today)
    ctx.err(
      `csp: warning: the meeting of ${at} is after today (${ctx.today}); minutes are normally approved once it has been held.\n`,
    );
  return 0;
}
