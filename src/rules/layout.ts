/**
 * layout: files where the record has no place for them, found while the record is listed
 * and read; and, once every file is read, links in bodies that lead out of the record.
 */
import type { Rule } from './rule.js';
import { forEachLocalLink } from './walk.js';

export const rule: Rule = {
  id: 'layout',
  severity: 'error',
  summary:
    'A file where none belongs, a meeting folder without meeting.md, a bad folder or file id, a markdown or YAML file over 1 MiB, a file that is binary or not UTF-8, a link leading out of the record, or markdown far beyond any minutes, which is not read (brackets 32 deep, 500 links, 1,000 square brackets or 1,000 marks of emphasis in a paragraph, lists indented 64 columns, 32 quotations or lists opened on one line, 1,000 opened inside others in one block).',
  check(ctx, report) {
    forEachLocalLink(ctx, (where, url, abs) => {
      if (!abs)
        report(
          where,
          `This link leads out of the record ("${url}"). Link only to files inside the record, such as the meeting's papers.`,
        );
    });
  },
  examples: {
    notOk: [
      {
        title: 'a file where none belongs',
        files: { 'notes.txt': 'scribbles\n' },
        findings: [
          {
            file: 'records/notes.txt',
            line: 1,
            column: 1,
            severity: 'error',
            message:
              '"notes.txt" does not belong at the top of a record, which holds partnership.md, members.yaml, meetings/, actions/ and templates/. Move it or remove it.',
          },
        ],
      },
      {
        title: 'a meeting folder without meeting.md',
        files: { 'meetings/2026-01-15/papers/report.pdf': '%PDF-1.4\n' },
        findings: [
          {
            file: 'records/meetings/2026-01-15',
            line: 1,
            column: 1,
            severity: 'error',
            message:
              'The meeting folder "2026-01-15" has no meeting.md. Create it with: csp new-meeting --date 2026-01-15',
          },
        ],
      },
      {
        title: 'an action file whose name is not an id',
        files: {
          'actions/Book_Venue.md': `---
title: Book a venue
owner: clerk
status: open
---
`,
        },
        findings: [
          {
            file: 'records/actions/Book_Venue.md',
            line: 1,
            column: 1,
            severity: 'error',
            message:
              '"Book_Venue" is not an action id. Name action files with lower-case letters, digits and hyphens, e.g. 2015-10-08-171-1.md.',
          },
        ],
      },
      {
        title: 'a link in a body that leads out of the record, at the link',
        files: {
          'meetings/2026-01-15/meeting.md': `---
date: 2026-01-15
---
The papers are on
the [shared drive](../../../etc/passwd).
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/meeting.md',
            line: 5,
            column: 5,
            severity: 'error',
            message:
              'This link leads out of the record ("../../../etc/passwd"). Link only to files inside the record, such as the meeting\'s papers.',
          },
        ],
      },
      {
        title: 'quotations opened inside each other 40 times on one line, at the 33rd',
        files: {
          'meetings/2026-01-15/meeting.md': `---
date: 2026-01-15
---
${'> '.repeat(40)}Quoted.
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/meeting.md',
            line: 4,
            column: 65,
            severity: 'error',
            message:
              'This text has more than 32 quotations or lists inside each other on one line, far beyond any minutes, and is not read. Simplify it.',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'only the files that belong (dot files, a README and papers are fine), and a link to a paper',
        files: {
          'README.md': '# Our record\n',
          'meetings/.gitkeep': '',
          'meetings/2026-01-15/meeting.md': `---
date: 2026-01-15
---
See [the report](papers/report.pdf).
`,
          'meetings/2026-01-15/papers/report.pdf': '%PDF-1.4\n',
        },
      },
    ],
  },
};
