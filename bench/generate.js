// Generates a synthetic, valid record of N meetings for the benchmark: each meeting has
// meeting.md, minutes.md (12 items, 4 decisions, 3 synced actions), 3 action files and papers.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SECTORS = [
  'local-authority',
  'police',
  'health',
  'probation',
  'fire',
  'housing',
  'voluntary',
  'business',
  'community',
];

const STANDARD = [
  'Filming at meetings',
  'Apologies',
  'Urgent business',
  'Declarations of interest',
  'Minutes',
  'Membership',
  'New items of urgent business',
  'Dates of future meetings',
];

function iso(d) {
  return d.toISOString().slice(0, 10);
}

/** Writes a record of `meetings` meetings (with `papers` small papers each) under `dir`. */
export function generate(dir, meetings, papers = 0) {
  mkdirSync(path.join(dir, 'meetings'), { recursive: true });
  mkdirSync(path.join(dir, 'actions'), { recursive: true });
  writeFileSync(
    path.join(dir, 'partnership.md'),
    `---\nname: Benchmark Borough Community Safety Partnership\nshort_name: Bench CSP\nmeetings:\n  frequency: ad-hoc\npriorities:\n  - { id: reoffending, title: Reduce re-offending, lead: m0 }\n---\nTerms of reference.\n`,
  );
  const members = [];
  for (let i = 0; i < 24; i++) {
    const sector = SECTORS[i % SECTORS.length];
    members.push(
      `  - { id: m${i}, name: Member Number ${i}, organisation: ${sector} organisation ${i % 12}, sector: ${sector}, role: ${i < 2 ? 'chair' : 'member'}, joined: 1990-01-01, deputies: [d${i}] }`,
    );
  }
  const others = Array.from(
    { length: 24 },
    (_, i) =>
      `  - { id: d${i}, name: Deputy Number ${i}, organisation: ${SECTORS[i % SECTORS.length]} organisation ${i % 12} }`,
  );
  writeFileSync(
    path.join(dir, 'members.yaml'),
    `members:\n${members.join('\n')}\nothers:\n${others.join('\n')}\n  - { id: clerk, name: Committee Clerk, organisation: Council }\n`,
  );
  const start = Date.UTC(1995, 0, 2);
  let minute = 1;
  for (let k = 0; k < meetings; k++) {
    const date = iso(new Date(start + k * 7 * 86400000));
    const mdir = path.join(dir, 'meetings', date);
    mkdirSync(path.join(mdir, 'papers'), { recursive: true });
    const items = Array.from(
      { length: 4 },
      (_, i) =>
        `  - title: Substantive item ${i + 1} of ${date}\n    presenter: m${(k + i) % 24}\n    purpose: noting\n    priority: reoffending${i === 0 && papers > 0 ? `\n    papers: [papers/paper-0.pdf]` : ''}`,
    );
    writeFileSync(
      path.join(mdir, 'meeting.md'),
      `---\ndate: ${date}\nstart: "14:00"\nend: "16:00"\nvenue: Civic Centre, Committee Room 1\nkind: ordinary\nstatus: held\napologies:\n  - { member: m5, substitute: d5 }\nitems:\n${items.join('\n')}\n---\nNotes for the agenda of ${date}.\n`,
    );
    for (let p = 0; p < papers; p++)
      writeFileSync(path.join(mdir, 'papers', `paper-${p}.pdf`), `%PDF-1.4\n% paper ${p}\n`);
    const body = [];
    const present = members.map((_, i) => `m${i}`).filter((id) => id !== 'm5');
    const actions = [];
    for (let i = 0; i < 12; i++) {
      const n = minute++;
      body.push(`## ${n}. ${i < 4 ? `Substantive item ${i + 1} of ${date}` : STANDARD[i - 4]}`, '');
      body.push(
        'The Board received a report on progress against the delivery plan, with performance against the targets agreed for the year and the areas of challenge identified by partners. Members discussed the findings at length and asked questions of the officers present.',
        '',
      );
      if (i < 4) {
        body.push(
          'RESOLVED',
          '',
          '- That the report be noted.',
          '- That a further update come to a future meeting.',
          '',
        );
      }
      if (i < 3) {
        const id = `${date}-${n}-1`;
        body.push(
          `It was agreed that partners would report back on the actions arising. [action ${id}: m${i}; due ${iso(new Date(start + (k * 7 + 60) * 86400000))}]`,
          '',
        );
        actions.push({ id, n, owner: `m${i}` });
      }
    }
    const approvedAt = k + 1 < meetings ? iso(new Date(start + (k + 1) * 7 * 86400000)) : undefined;
    writeFileSync(
      path.join(mdir, 'minutes.md'),
      `---\nstatus: ${approvedAt ? 'approved' : 'draft'}\n${approvedAt ? `approved: { meeting: ${approvedAt} }\n` : ''}chair: m0\nstarted: "14:00"\nended: "16:00"\npresent: [${present.join(', ')}]\napologies:\n  - { member: m5, substitute: d5 }\nin_attendance: [clerk]\n---\n${body.join('\n')}`,
    );
    for (const a of actions) {
      writeFileSync(
        path.join(dir, 'actions', `${a.id}.md`),
        `---\ntitle: Report back on the actions arising from minute ${a.n}\nowner: ${a.owner}\nraised: { meeting: ${date}, minute: ${a.n} }\ndue: ${iso(new Date(start + (k * 7 + 60) * 86400000))}\nstatus: done\ncompleted: ${iso(new Date(start + (k * 7 + 50) * 86400000))}\nupdates:\n  - { date: ${iso(new Date(start + (k * 7 + 20) * 86400000))}, by: ${a.owner}, note: Work started with partners. }\n---\nContext for the action.\n`,
      );
    }
  }
}
