/** Importing each form a committee's minutes come in: ModernGov pages, printed minutes, Word, PDF. */
import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { writeFileSync, mkdirSync } from 'node:fs';
import { minimalRecord } from './helpers.js';
import { MODERNGOV_PAGE, PRINTED_MINUTES_PAGE, pdfMinutes, wordMinutes } from './import-docs.js';
import { cspIn, headings, importArgv, importInto, markers, readMinutes, validate } from './import-support.js';

/** A minimal record with the documents under in/. */
function recordWith(files: Record<string, string | Buffer>): string {
  const dir = minimalRecord();
  mkdirSync(path.join(dir, 'in'), { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, 'in', name), data);
  return dir;
}

describe('a ModernGov "Agenda and minutes" page', () => {
  test('keeps only the minutes text, drops the site and the agenda, and places every part', async () => {
    const dir = recordWith({ 'page.html': MODERNGOV_PAGE });
    const r = await importInto(dir, ['in/page.html']);
    const res = r.json.documents[0];
    expect(res).toMatchObject({
      status: 'imported',
      meeting: '2023-10-26',
      format: 'html',
      minutes: { first: 31, last: 37 },
      unplaced: [],
      unknown: [],
    });
    const { data, body, text } = readMinutes(dir, '2023-10-26');
    expect(headings(body)).toEqual([
      '31. Filming at meetings',
      '32. Apologies',
      '33. Declarations of interest',
      '34. Probation update report',
      '35. School exclusions report',
      '36. Exclusion of the press and public',
      '37. CCTV contract award',
    ]);
    expect(data.apologies).toEqual([{ member: 'pc-police', substitute: 'dep-police' }]);
    expect(data.declarations).toEqual([
      { member: 'dr-health', minute: 34, nature: 'personal', detail: 'Trustee of a local mental health charity' },
    ]);
    expect(data.deferred).toEqual([{ title: 'School exclusions report', minute: 35, to: 'next' }]);
    expect(data.exempt).toEqual([{ minute: 37, paragraph: 3 }]);
    expect(markers(body)).toEqual(['cllr-chair']);
    expect(body).toContain(
      'Cllr Ada Chair to write to the regional probation director about hostel places. [action: cllr-chair]',
    );
    // Nothing of the agenda's text, the document links, the exempt minute or the page's scripts.
    for (const gone of [
      'AGENDA-ONLY',
      'To receive any apologies',
      'PDF 463 KB',
      'Additional documents',
      'Appendix A',
      'View the full minutes',
      'SECRET-TENDER',
      'contract be awarded',
      'SCRIPT-TEXT',
      'NOSCRIPT-TEXT',
      'IFRAME-TEXT',
      'IMG-ALT',
      'alert',
      'Copyright',
      'Committees',
      'Skip to content',
    ]) {
      expect(text).not.toContain(gone);
    }
    // The cut text is reported, with its line in the page.
    const cutLine = MODERNGOV_PAGE.split('\n').findIndex((l) => l.includes('View the full minutes text')) + 1;
    expect(cutLine).toBeGreaterThan(1);
    expect(res!.notes.map((n) => [n.line, n.message])).toEqual([
      [
        cutLine,
        'The text of minute 34 is cut short on this page ("view the full minutes text"); import the printed minutes to have all of it.',
      ],
      // The agenda-and-minutes page has no attendance (ModernGov keeps it on another page).
      [
        0,
        'No list of those present was found, so the minutes say `attendance: not-recorded`; replace it with `present: [...]` if the attendance is known.',
      ],
    ]);
    const meeting = readMinutes(dir, '2023-10-26', 'meeting.md').data;
    expect(meeting).toMatchObject({
      date: '2023-10-26',
      start: '14:00',
      venue: 'Civic Centre, Committee Room 1',
      status: 'held',
    });
    expect(meeting.items).toContainEqual({ title: 'CCTV contract award', exempt: { paragraph: 3 } });
    expect((await validate(dir)).errors).toBe(0);
  });
});

describe('a printed-minutes page', () => {
  test('reads the attendance block first: present, also present with a bracketed organisation for the run, apologies with a substitute', async () => {
    const dir = recordWith({ 'printed.html': PRINTED_MINUTES_PAGE });
    const r = await importInto(dir, ['in/printed.html']);
    const res = r.json.documents[0];
    expect(res).toMatchObject({
      status: 'imported',
      minutes: { first: 12, last: 15 },
      decisions: 2,
      actions: 2,
      unplaced: [],
    });
    const { data, body } = readMinutes(dir, '2023-10-26');
    expect(data).toMatchObject({ chair: 'cllr-chair', started: '14:00', ended: '15:35' });
    expect(data.present).toEqual(['cllr-chair', 'dr-health']);
    expect(data.apologies).toEqual([{ member: 'pc-police', substitute: 'dep-police' }]);
    // Hal Deputy has no seat, so attends; the two unknown names take the organisation after them.
    expect(data.in_attendance).toEqual([
      'dep-health',
      'Kate Watson (Public Health)',
      'Sam Officer (Public Health)',
      'clerk',
    ]);
    expect(res!.unknown.map((u) => [u.name, u.as, u.outcome])).toEqual([
      ['Kate Watson', 'in attendance', 'written as free text'],
      ['Sam Officer', 'in attendance', 'written as free text'],
    ]);
    expect(markers(body)).toEqual(['clerk', 'dr-health']);
    expect(body).toContain('The Committee Clerk would circulate the hotspot maps to partners. [action: clerk]');
    expect(body).toContain(
      'Dr Hana Health agreed to share the hospital assault figures at the next meeting. [action: dr-health]',
    );
    expect(body).not.toMatch(/Signed by Chair|CHAIR:|The meeting ended/);
    expect((await validate(dir)).errors).toBe(0);
  });
});

describe('a Word document', () => {
  test('is read with its headings, bold labels and bullets', async () => {
    const dir = recordWith({ 'minutes.docx': await wordMinutes() });
    const r = await importInto(dir, ['in/minutes.docx']);
    const res = r.json.documents[0];
    expect(res).toMatchObject({
      status: 'imported',
      format: 'docx',
      meeting: '2024-01-18',
      decisions: 1,
      actions: 1,
      unplaced: [],
      unknown: [],
    });
    const { data, body } = readMinutes(dir, '2024-01-18');
    expect(headings(body)).toEqual([
      '21. Filming at meetings',
      '22. Apologies',
      '23. Domestic abuse strategy',
      '24. Dates of future meetings',
    ]);
    expect(data).toMatchObject({
      chair: 'cllr-chair',
      started: '14:00',
      present: ['cllr-chair', 'pc-police', 'dr-health'],
      in_attendance: ['clerk'],
    });
    expect(data.apologies).toBeUndefined();
    expect(body).toContain('- The refuge places needed to double by 2026.\n- Outreach needed to reach rural wards.');
    expect(body).toContain('RESOLVED\n\n- That the draft strategy be approved for consultation.');
    expect(body).toContain('Dr Hana Health to report the health consultation responses. [action: dr-health]');
    expect((await validate(dir)).errors).toBe(0);
  });
});

describe('a PDF with a text layer', () => {
  test('is read line by line across pages, wrapped paragraphs joined', async () => {
    const dir = recordWith({ 'minutes.pdf': await pdfMinutes() });
    const r = await importInto(dir, ['in/minutes.pdf']);
    const res = r.json.documents[0];
    expect(res).toMatchObject({
      status: 'imported',
      format: 'pdf',
      meeting: '2024-04-11',
      minutes: { first: 41, last: 43 },
      decisions: 1,
      actions: 1,
      unplaced: [],
    });
    const { data, body } = readMinutes(dir, '2024-04-11');
    expect(data).toMatchObject({ chair: 'cllr-chair', present: ['cllr-chair', 'pc-police', 'dr-health'] });
    expect(body).toContain(
      'The Chair referred to the notice of filming at meetings and those present noted the information.',
    );
    expect(body).toContain('RESOLVED\n\n- That the needs assessment be noted.');
    expect(body).toContain('Supt Pat Police to brief ward panels on the robbery trend. [action: pc-police]');
    expect((await validate(dir)).errors).toBe(0);
  });

  test('a batch shows a progress bar on a terminal, none when piped, and ends with the summary table', async () => {
    const dir = recordWith({ 'a.pdf': await pdfMinutes(), 'b.docx': await wordMinutes() });
    const tty = await cspIn(dir, importArgv(['in/b.docx', 'in/a.pdf'], { dryRun: true }, 'text'), true);
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('\r[##########..........] 1/2 in/b.docx');
    expect(tty.stderr).toContain('\r[####################] 2/2 in/a.pdf');
    const piped = await cspIn(dir, importArgv(['in/b.docx', 'in/a.pdf'], { dryRun: true }, 'text'));
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toContain(
      [
        'document   meeting     items  decisions  actions  unknown people  unplaced lines',
        '---------  ----------  -----  ---------  -------  --------------  --------------',
        'in/b.docx  2024-01-18      4          1        1               0               0',
        'in/a.pdf   2024-04-11      3          1        1               0               0',
        'total      2               7          2        2               0               0',
      ].join('\n'),
    );
    const r = await importInto(dir, ['in/b.docx', 'in/a.pdf']);
    expect(r.json.documents.map((x) => [x.status, x.meeting])).toEqual([
      ['imported', '2024-01-18'],
      ['imported', '2024-04-11'],
    ]);
  });
});

describe('text copied from a ModernGov page', () => {
  test('numbers on their own line, document links and agenda text dropped, "Minutes:" text kept', async () => {
    const text = [
      'Community Safety Partnership - Thursday, 26th October, 2023 2.00 pm',
      '',
      '31.',
      '',
      'FILMING AT MEETINGS',
      '',
      'pdf icon PDF 463 KB',
      '',
      'To note the filming notice.',
      '',
      'Minutes:',
      '',
      'The Chair referred to the notice of filming.',
      '',
      '32.',
      '',
      'APOLOGIES',
      '',
      'Minutes:',
      '',
      'Apologies were received from Supt Pat Police (Insp Dee Deputy substituted).',
      '',
      'Agenda item 33',
      '',
      'GANG STRATEGY',
      '',
      'Additional documents:',
      '',
      'Minutes:',
      '',
      'RESOLVED that the strategy be adopted.',
      '',
    ].join('\n');
    const dir = recordWith({ 'copied.txt': text });
    const r = await importInto(dir, ['in/copied.txt']);
    expect(r.json.documents[0]).toMatchObject({ status: 'imported', minutes: { first: 31, last: 33 }, unplaced: [] });
    const { data, body } = readMinutes(dir, '2023-10-26');
    expect(headings(body)).toEqual(['31. Filming at meetings', '32. Apologies', '33. Gang strategy']);
    expect(data.apologies).toEqual([{ member: 'pc-police', substitute: 'dep-police' }]);
    expect(body).not.toMatch(/To note the filming|PDF 463 KB|Additional documents|Minutes:/);
    expect(body).toContain('RESOLVED that the strategy be adopted.');
  });
});

describe('what is not placed is listed', () => {
  test('a line the importer cannot place is reported with its line number', async () => {
    const text = [
      'MINUTES OF MEETING Test Partnership HELD ON Thursday, 8th October, 2015, 13.00',
      '',
      'The tea urn was broken again.',
      '',
      '1. FILMING AT MEETINGS',
      '',
      'Noted.',
      '',
    ].join('\n');
    const dir = recordWith({ 'm.txt': text });
    const r = await importInto(dir, ['in/m.txt']);
    expect(r.json.documents[0]!.unplaced).toEqual([
      { line: 3, where: 'line 3', text: 'The tea urn was broken again.' },
    ]);
  });
});
