import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

// ajv and ajv-formats are CommonJS. Under NodeNext TypeScript types the default import as the
// module object (the class is on `.default`); at run time Node gives module.exports itself.
const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default;

type Json = Record<string, unknown>;

/** Where the schemas are published: the repository package.json names, branch main, folder schemas/. */
const REPO = /github\.com\/([^/]+\/[^/.]+)/.exec(
  (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { repository: { url: string } })
    .repository.url,
)![1];
const SCHEMA_HOME = `https://raw.githubusercontent.com/${REPO}/main/schemas/`;
const KINDS = ['partnership', 'members', 'meeting', 'minutes', 'action'] as const;
type Kind = (typeof KINDS)[number];

function loadSchema(kind: Kind): Json {
  const url = new URL(`../schemas/${kind}.schema.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Json;
}

function compile(kind: Kind) {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
  addFormats(ajv);
  return ajv.compile(loadSchema(kind));
}

/** Parses YAML the way csp does: YAML 1.2 core schema, so dates stay strings. */
function yaml(text: string): unknown {
  return parse(text, { version: '1.2', schema: 'core' });
}

/** Calls visit on every subschema reachable from schema, with its JSON pointer. */
function walk(schema: unknown, path: string, visit: (s: Json, path: string) => void): void {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return;
  const s = schema as Json;
  visit(s, path);
  for (const key of ['properties', 'definitions'] as const) {
    const map = s[key];
    if (map && typeof map === 'object') {
      for (const [name, sub] of Object.entries(map as Json)) walk(sub, `${path}/${key}/${name}`, visit);
    }
  }
  for (const key of ['items', 'if', 'then', 'else', 'not', 'additionalProperties'] as const) {
    walk(s[key], `${path}/${key}`, visit);
  }
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const list = s[key];
    if (Array.isArray(list)) list.forEach((sub, i) => walk(sub, `${path}/${key}/${i}`, visit));
  }
}

/** Valid examples, taken from the record format (placeholders such as `<person-id>` filled in). */
const VALID: Record<Kind, string> = {
  partnership: `
name: Example Borough Community Safety Partnership
short_name: Example CSP
contact: { name: Committee Clerk, role: Principal Committee Co-ordinator, email: clerk@example.gov.uk }
sectors: [local-authority, police, health, probation, fire, housing, voluntary, business, community]
meetings:
  frequency: quarterly        # monthly | bi-monthly | quarterly | ad-hoc; a longer gap is a warning
  default_start: "14:00"
  default_venue: Civic Centre
  notice_working_days: 5      # clear working days between circulating the agenda and the meeting
  holidays: GB-ENG            # bank holidays skipped in working-day arithmetic
quorum:                       # every requirement must be met
  - { label: "a Chair", roles: [chair], min: 1 }
  - { label: "local authority", sectors: [local-authority], min: 1 }
  - { label: "health", sectors: [health], min: 1 }
  - { label: "police", sectors: [police], min: 1 }
absence_limit: 3              # meetings in a row an organisation may go unrepresented
minute_numbering: continuous  # continuous across meetings | per-meeting
standard_items:
  opening: [Filming at meetings, Apologies, Urgent business, Declarations of interest, Minutes, Membership]
  closing: [New items of urgent business, Dates of future meetings]
priorities:
  - { id: reoffending, title: Reduce re-offending, lead: bernice-vanier }
`,
  members: `
members:                      # seats on the board
  - id: bernice-vanier
    name: Cllr Bernice Vanier
    organisation: Example Borough Council
    sector: local-authority   # one of partnership.sectors
    role: chair               # chair | member | co-opted | ex-officio | advisor
    voting: true              # default: true for chair, member, co-opted; false otherwise
    joined: 2014-05-22
    left: 2016-05-01          # optional
    deputies: [gill-gibson]   # optional: who may attend in their place
others:                       # officers, deputies, presenters, the clerk: people without a seat
  - { id: clerk, name: Committee Clerk, organisation: Example Borough Council }
`,
  meeting: `
date: 2026-12-10              # must match the folder's date
start: "14:00"
end: "16:00"                  # optional
venue: Civic Centre, Committee Room 1
online_url: https://meet.example.gov.uk/csp-2026-12-10   # optional
kind: ordinary                # ordinary | extraordinary | themed
theme: Serious violence       # for a themed meeting
status: scheduled             # scheduled | published | held | cancelled
published: 2026-12-01         # the day the agenda was circulated (set by \`csp agenda --publish\`)
apologies:                    # received before the meeting; used for the predicted quorum
  - { member: john-abbey, substitute: gill-gibson }
items:                        # the substantive items; standard items come from partnership.md
  - title: Probation update report
    presenter: Russell Symons # a person id or free text
    lead: russell-symons      # optional
    priority: reoffending     # optional, a priority id
    purpose: noting           # decision | discussion | information | noting
    papers: [papers/probation-update.pdf]   # relative to the meeting folder; must exist
    exempt: { paragraph: 3 }  # optional: Local Government Act 1972 Sch. 12A paragraph 1-7
    deferred_from: 2015-06-17 # set when carried forward from an earlier meeting
`,
  minutes: `
status: draft                 # draft | approved
approved: { meeting: 2016-01-14 }   # required when approved: the meeting that confirmed them
chair: bernice-vanier
started: "13:00"
ended: "15:00"
present: [bernice-vanier, andrew-blight]          # members present in person (not substitutes)
apologies:
  - { member: john-abbey, substitute: gill-gibson }
  - { member: victor-olisa }
in_attendance: [sandeep-broca, "Kate Watson (Public Health)"]   # non-members: ids or free text
declarations:
  - { member: andrew-blight, minute: 171, nature: personal, detail: Trustee of a local charity }
deferred:                     # items put off to a later meeting
  - { title: School exclusions report, minute: 170, to: 2016-01-14 }
exempt:                       # minutes not for publication
  - { minute: 174, paragraph: 3 }
corrections:
  - { meeting: 2016-01-14, minute: 180, note: Apologies from Victor Olisa were omitted. }
`,
  action: `
title: Start a dialogue with the Safeguarding Adults Board on Care Act duties
owner: bernice-vanier         # a person id, or a list of them
raised: { meeting: 2015-10-08, minute: 171 }   # absent for actions not raised in minutes
due: 2016-01-14               # optional; an action with no due date is never overdue
status: open                  # open | in-progress | done | dropped
priority: prevention          # optional
completed: 2016-01-10         # required for done and dropped
updates:                      # the follow-up log, oldest first
  - { date: 2015-12-01, by: bernice-vanier, note: First meeting held with the SAB chair. }
`,
};

/** A change to a valid example that must be rejected, and where the error must point. */
interface BadCase {
  name: string;
  change: (doc: any) => void;
  at: string;
}

const BAD: Record<Kind, BadCase[]> = {
  partnership: [
    { name: 'an unknown key', change: (d) => (d.chairman = 'x'), at: '' },
    { name: 'an unknown nested key', change: (d) => (d.meetings.weekday = 'Tuesday'), at: '/meetings' },
    { name: 'a bad priority id', change: (d) => (d.priorities[0].id = 'Reduce_Reoffending'), at: '/priorities/0/id' },
    { name: 'a bad lead id', change: (d) => (d.priorities[0].lead = 'Bernice Vanier'), at: '/priorities/0/lead' },
    { name: 'a bad sector slug', change: (d) => (d.sectors[0] = 'Local Authority'), at: '/sectors/0' },
    { name: 'repeated sectors', change: (d) => d.sectors.push('police'), at: '/sectors' },
    { name: 'a bad time', change: (d) => (d.meetings.default_start = '2pm'), at: '/meetings/default_start' },
    { name: 'an hour past 23', change: (d) => (d.meetings.default_start = '24:00'), at: '/meetings/default_start' },
    { name: 'a time as a number', change: (d) => (d.meetings.default_start = 840), at: '/meetings/default_start' },
    { name: 'an unknown frequency', change: (d) => (d.meetings.frequency = 'weekly'), at: '/meetings/frequency' },
    { name: 'an unknown holiday region', change: (d) => (d.meetings.holidays = 'FR'), at: '/meetings/holidays' },
    {
      name: 'too much notice',
      change: (d) => (d.meetings.notice_working_days = 31),
      at: '/meetings/notice_working_days',
    },
    { name: 'both min and fraction', change: (d) => (d.quorum[0].fraction = 0.5), at: '/quorum/0' },
    { name: 'neither min nor fraction', change: (d) => delete d.quorum[0].min, at: '/quorum/0' },
    {
      name: 'a zero fraction',
      change: (d) => (d.quorum[0] = { label: 'half', fraction: 0 }),
      at: '/quorum/0/fraction',
    },
    {
      name: 'a fraction above 1',
      change: (d) => (d.quorum[0] = { label: 'all', fraction: 1.5 }),
      at: '/quorum/0/fraction',
    },
    { name: 'a requirement without a label', change: (d) => delete d.quorum[0].label, at: '/quorum/0' },
    { name: 'an unknown role', change: (d) => (d.quorum[0].roles = ['president']), at: '/quorum/0/roles/0' },
    { name: 'a bad contact email', change: (d) => (d.contact.email = 'clerk at example'), at: '/contact/email' },
    { name: 'a missing name', change: (d) => delete d.name, at: '' },
  ],
  members: [
    { name: 'an unknown key', change: (d) => (d.chairs = []), at: '' },
    { name: 'an unknown member key', change: (d) => (d.members[0].nickname = 'Bernie'), at: '/members/0' },
    { name: 'a bad person id', change: (d) => (d.members[0].id = 'Bernice Vanier'), at: '/members/0/id' },
    { name: 'a bad deputy id', change: (d) => (d.members[0].deputies = ['gill_gibson']), at: '/members/0/deputies/0' },
    { name: 'a bad date shape', change: (d) => (d.members[0].joined = '22/05/2014'), at: '/members/0/joined' },
    { name: 'a date object', change: (d) => (d.members[0].left = new Date('2016-05-01')), at: '/members/0/left' },
    { name: 'an unknown role', change: (d) => (d.members[0].role = 'vice-chair'), at: '/members/0/role' },
    { name: 'a missing sector', change: (d) => delete d.members[0].sector, at: '/members/0' },
    { name: 'a bad email', change: (d) => (d.members[0].email = 'not an address'), at: '/members/0/email' },
    { name: 'another without a name', change: (d) => delete d.others[0].name, at: '/others/0' },
    { name: 'no members list', change: (d) => delete d.members, at: '' },
  ],
  meeting: [
    { name: 'an unknown key', change: (d) => (d.chair = 'bernice-vanier'), at: '' },
    { name: 'an unknown item key', change: (d) => (d.items[0].minutes = 'x'), at: '/items/0' },
    { name: 'a bad person id', change: (d) => (d.items[0].lead = 'Russell Symons'), at: '/items/0/lead' },
    { name: 'a bad apology id', change: (d) => (d.apologies[0].member = 'John Abbey'), at: '/apologies/0/member' },
    { name: 'a bad priority id', change: (d) => (d.items[0].priority = 'Re-offending'), at: '/items/0/priority' },
    {
      name: 'a bad meeting id',
      change: (d) => (d.items[0].deferred_from = '2015-06-17_b'),
      at: '/items/0/deferred_from',
    },
    { name: 'a bad date shape', change: (d) => (d.date = '2026-12-1'), at: '/date' },
    { name: 'a bad published date', change: (d) => (d.published = '1 December 2026'), at: '/published' },
    { name: 'a bad time', change: (d) => (d.start = '14.00'), at: '/start' },
    { name: 'minutes past 59', change: (d) => (d.end = '16:60'), at: '/end' },
    { name: 'an empty presenter', change: (d) => (d.items[0].presenter = ''), at: '/items/0/presenter' },
    {
      name: 'a paper with an absolute path',
      change: (d) => (d.items[0].papers = ['/etc/passwd']),
      at: '/items/0/papers/0',
    },
    {
      name: 'a paper leaving the folder',
      change: (d) => (d.items[0].papers = ['../2015-06-17/papers/x.pdf']),
      at: '/items/0/papers/0',
    },
    {
      name: 'a paper with .. inside',
      change: (d) => (d.items[0].papers = ['papers/../../x.pdf']),
      at: '/items/0/papers/0',
    },
    {
      name: 'a paper path with backslashes',
      change: (d) => (d.items[0].papers = ['papers\\x.pdf']),
      at: '/items/0/papers/0',
    },
    {
      name: 'an exempt paragraph of 8',
      change: (d) => (d.items[0].exempt = { paragraph: 8 }),
      at: '/items/0/exempt/paragraph',
    },
    { name: 'an unknown purpose', change: (d) => (d.items[0].purpose = 'approval'), at: '/items/0/purpose' },
    { name: 'an unknown status', change: (d) => (d.status = 'postponed'), at: '/status' },
    { name: 'an online_url that is not a URL', change: (d) => (d.online_url = 'teams meeting'), at: '/online_url' },
    { name: 'an item without a title', change: (d) => delete d.items[0].title, at: '/items/0' },
    { name: 'no date', change: (d) => delete d.date, at: '' },
  ],
  minutes: [
    { name: 'an unknown key', change: (d) => (d.signed = true), at: '' },
    { name: 'an unknown declaration key', change: (d) => (d.declarations[0].withdrew = true), at: '/declarations/0' },
    { name: 'a bad person id', change: (d) => d.present.push('Andrew Blight'), at: '/present/2' },
    { name: 'a person present twice', change: (d) => d.present.push('andrew-blight'), at: '/present' },
    { name: 'a bad chair id', change: (d) => (d.chair = 'The Chair'), at: '/chair' },
    { name: 'a bad meeting id', change: (d) => (d.approved.meeting = '14-01-2016'), at: '/approved/meeting' },
    { name: 'a bad date shape in deferred.to', change: (d) => (d.deferred[0].to = '2016-1-14'), at: '/deferred/0/to' },
    { name: 'a deferral to "later"', change: (d) => (d.deferred[0].to = 'later'), at: '/deferred/0/to' },
    { name: 'a bad time', change: (d) => (d.started = '25:00'), at: '/started' },
    { name: 'a minute number of 0', change: (d) => (d.declarations[0].minute = 0), at: '/declarations/0/minute' },
    { name: 'a minute number as text', change: (d) => (d.exempt[0].minute = '174'), at: '/exempt/0/minute' },
    { name: 'an exempt entry without a paragraph', change: (d) => delete d.exempt[0].paragraph, at: '/exempt/0' },
    { name: 'a correction without a minute', change: (d) => delete d.corrections[0].minute, at: '/corrections/0' },
    { name: 'an unknown status', change: (d) => (d.status = 'final'), at: '/status' },
    {
      name: 'status approved without `approved`',
      change: (d) => {
        d.status = 'approved';
        delete d.approved;
      },
      at: '',
    },
    { name: 'no status', change: (d) => delete d.status, at: '' },
  ],
  action: [
    { name: 'an unknown key', change: (d) => (d.assigned_to = 'clerk'), at: '' },
    { name: 'an unknown update key', change: (d) => (d.updates[0].state = 'done'), at: '/updates/0' },
    { name: 'a bad owner id', change: (d) => (d.owner = 'Bernice Vanier'), at: '/owner' },
    { name: 'a bad owner id in a list', change: (d) => (d.owner = ['bernice-vanier', 'EM']), at: '/owner' },
    { name: 'an empty owner list', change: (d) => (d.owner = []), at: '/owner' },
    { name: 'a bad update author', change: (d) => (d.updates[0].by = 'Clerk'), at: '/updates/0/by' },
    { name: 'a bad meeting id', change: (d) => (d.raised.meeting = 'october'), at: '/raised/meeting' },
    { name: 'a bad priority id', change: (d) => (d.priority = 'Prevention'), at: '/priority' },
    { name: 'a bad date shape', change: (d) => (d.due = '2016-01-14T12:00'), at: '/due' },
    { name: 'a bad update date', change: (d) => (d.updates[0].date = 'yesterday'), at: '/updates/0/date' },
    { name: 'raised without a minute', change: (d) => delete d.raised.minute, at: '/raised' },
    { name: 'an unknown status', change: (d) => (d.status = 'closed'), at: '/status' },
    { name: 'no owner', change: (d) => delete d.owner, at: '' },
  ],
};

describe.each(KINDS)('%s.schema.json', (kind) => {
  const schema = loadSchema(kind);
  const validate = compile(kind);

  it('has the header every schema carries', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    // A stable address, the file as published in the project's repository.
    expect(schema.$id).toBe(`${SCHEMA_HOME}${kind}.schema.json`);
    expect(schema.type).toBe('object');
    expect(typeof schema.title).toBe('string');
    expect(String(schema.title).length).toBeGreaterThan(0);
    expect(typeof schema.description).toBe('string');
    expect(String(schema.description).length).toBeGreaterThan(0);
  });

  it('describes every property at every depth', () => {
    const missing: string[] = [];
    walk(schema, '#', (s, path) => {
      const props = s.properties as Json | undefined;
      if (!props) return;
      for (const [name, sub] of Object.entries(props)) {
        const d = (sub as Json).description;
        if (typeof d !== 'string' || d.trim() === '') missing.push(`${path}/properties/${name}`);
      }
    });
    expect(missing).toEqual([]);
  });

  it('closes every object with additionalProperties: false', () => {
    const open: string[] = [];
    walk(schema, '#', (s, path) => {
      if (s.type === 'object' && s.additionalProperties !== false) open.push(path);
    });
    expect(open).toEqual([]);
  });

  it('defines the shared identifier patterns', () => {
    const defs = schema.definitions as Record<string, Json>;
    expect(defs.personId!.pattern).toBe('^[a-z0-9]+(-[a-z0-9]+)*$');
    expect(defs.priorityId!.pattern).toBe('^[a-z0-9]+(-[a-z0-9]+)*$');
    expect(defs.meetingId!.pattern).toBe('^[0-9]{4}-[0-9]{2}-[0-9]{2}(-[a-z0-9]+(-[a-z0-9]+)*)?$');
    expect(defs.date!.pattern).toBe('^[0-9]{4}-[0-9]{2}-[0-9]{2}$');
    expect(defs.time!.pattern).toBe('^([01][0-9]|2[0-3]):[0-5][0-9]$');
  });

  it('accepts the example from the record format', () => {
    const ok = validate(yaml(VALID[kind]));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each(BAD[kind].map((c) => [c.name, c] as const))('rejects %s', (_name, c) => {
    const doc = yaml(VALID[kind]);
    c.change(doc);
    expect(validate(doc)).toBe(false);
    const paths = (validate.errors ?? []).map((e: { instancePath: string }) => e.instancePath);
    expect(paths).toContain(c.at);
  });
});

describe('smaller valid documents', () => {
  const cases: [Kind, string, string][] = [
    ['partnership', 'only a name', 'name: Example CSP'],
    [
      'partnership',
      'a fraction and a non-voting requirement',
      'name: Example CSP\nquorum:\n  - { label: half the voting members, fraction: 0.5 }\n  - { label: two officers, voting: false, organisations: [Example Borough Council], min: 2 }',
    ],
    ['members', 'an empty roster', 'members: []'],
    [
      'members',
      'an advisor and an officer with contact details',
      'members:\n  - { id: j-smith, name: J Smith, organisation: Police, sector: police, role: advisor, joined: 2020-01-01 }\nothers:\n  - { id: hocs, name: A Person, role: Head of Community Safety, email: a.person@example.gov.uk, phone: "020 7946 0000" }',
    ],
    ['meeting', 'only a date', 'date: 2026-12-10'],
    [
      'meeting',
      'a themed meeting, nested papers, a slugged meeting id',
      'date: 2026-12-10\nkind: themed\ntheme: Serious violence\nitems:\n  - { title: A report, papers: [papers/sub/a..b.pdf] }\n  - { title: Deferred, deferred_from: 2026-09-10-extra }',
    ],
    ['minutes', 'only a status', 'status: draft'],
    [
      'minutes',
      'approved, deferred to next and to a date',
      'status: approved\napproved: { meeting: 2016-01-14-extra }\ndeferred:\n  - { title: A report, to: next }\n  - { title: Another, to: 2016-04-14 }',
    ],
    [
      'action',
      'several owners, done',
      'title: Write to the police\nowner: [bernice-vanier, clerk]\nstatus: done\ncompleted: 2016-01-10',
    ],
    [
      'action',
      'an update with only a date',
      'title: Chase the report\nowner: clerk\nstatus: in-progress\nupdates:\n  - { date: 2016-02-01 }',
    ],
  ];
  it.each(cases)('%s: %s', (kind, _label, text) => {
    const validate = compile(kind);
    const ok = validate(yaml(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});
