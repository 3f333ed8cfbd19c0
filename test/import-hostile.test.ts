/** Hostile documents end in a clear message, never a crash or a hang; nothing is written. */
import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, ftruncateSync, writeFileSync } from 'node:fs';
import { minimalRecord } from './helpers.js';
import { garbage, lyingZipBomb, pdfWithoutText, zipBomb, MODERNGOV_PAGE } from './import-docs.js';
import { cspIn, importArgv, importInto, importSpawned } from './import-support.js';
import { noStackTrace } from './helpers.js';
import { copySeed } from './import-fixtures.js';
import { checkZip } from '../src/import/zip.js';

function recordWith(files: Record<string, string | Buffer>): string {
  const dir = minimalRecord();
  mkdirSync(path.join(dir, 'in'), { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, 'in', name), data);
  return dir;
}

/**
 * Imports one file, in-process and as the spawned built binary (which reads it in a
 * worker with a memory cap and a time limit), and checks both refuse it with this
 * message, exit 1 and write nothing.
 */
async function refused(dir: string, file: string, message: string): Promise<void> {
  const started = Date.now();
  const r = await importInto(dir, [file]);
  expect(r.json.documents[0]!.status).toBe('unreadable');
  expect(r.json.documents[0]!.message).toBe(`${file} ${message}`);
  expect(r.code).toBe(1);
  const spawned = importSpawned(dir, [file], {}, 'text');
  expect(spawned.code).toBe(1);
  expect(spawned.stdout.split('\n')[0]).toBe(`${file} ${message}`);
  expect(noStackTrace(spawned)).toBe(true);
  const meetings = path.join(dir, 'records', 'meetings');
  expect(existsSync(meetings) ? readdirSync(meetings) : []).toEqual([]);
  expect(Date.now() - started).toBeLessThan(25_000);
}

describe('hostile input', () => {
  test('a 50 MB file is refused before it is read', async () => {
    const dir = recordWith({});
    const fd = openSync(path.join(dir, 'in', 'huge.txt'), 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    await refused(
      dir,
      'in/huge.txt',
      'is 50.0 MB; csp imports documents of up to 20 MB (a set of minutes is rarely over 2 MB), so it is not read. Is it the right file?',
    );
  });

  test('a zip bomb posing as .docx is refused from its directory, before anything is inflated', async () => {
    const bomb = zipBomb();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const dir = recordWith({ 'minutes.docx': bomb });
    await refused(
      dir,
      'in/minutes.docx',
      'would unpack to more than 100 MB (a zip bomb, or not a set of minutes), so it is not unpacked.',
    );
  });

  test('a zip bomb that lies about its sizes is stopped at the declared size', async () => {
    const dir = recordWith({ 'minutes.docx': lyingZipBomb() });
    await refused(
      dir,
      'in/minutes.docx',
      'is damaged or disguised: part word/document.xml unpacks to more than the size its directory declares, so it is not read.',
    );
  });

  test('a PDF with no text layer says so', async () => {
    const dir = recordWith({ 'scan.pdf': await pdfWithoutText() });
    await refused(
      dir,
      'in/scan.pdf',
      'has no text layer (it looks like a scan or a picture of the minutes); run it through OCR first, or import the web page or Word version instead.',
    );
  });

  test('binary garbage, under any name, is refused', async () => {
    const dir = recordWith({
      'noise.txt': garbage(),
      'noise.docx': garbage(),
      'noise.pdf': garbage(),
      'noise.html': garbage(),
    });
    await refused(
      dir,
      'in/noise.txt',
      'is not text, a web page, a Word document or a PDF (it holds binary data), so it is not read.',
    );
    await refused(dir, 'in/noise.docx', 'is not a Word document (.docx): it is not a zip archive, or it is cut short.');
    const pdf = await importInto(dir, ['in/noise.pdf']);
    expect(importSpawned(dir, ['in/noise.pdf']).code).toBe(1);
    expect(pdf.json.documents[0]!.message).toMatch(/^in\/noise\.pdf could not be read as a PDF \(.+\)\.$/);
    await refused(
      dir,
      'in/noise.html',
      'is not text, a web page, a Word document or a PDF (it holds binary data), so it is not read.',
    );
  });

  test('an HTML page with scripts: the scripts are dropped, never run', async () => {
    const dir = recordWith({
      'page.html': MODERNGOV_PAGE.replace(
        '</body>',
        '<script>require("fs").writeFileSync("PWNED", "x")</script></body>',
      ),
    });
    const r = await importInto(dir, ['in/page.html']);
    expect(r.json.documents[0]!.status).toBe('imported');
    expect(existsSync(path.join(dir, 'PWNED'))).toBe(false);
    for (const w of r.json.documents[0]!.files) expect(w.text).not.toMatch(/script|alert|PWNED|onload|onerror/i);
  });

  test('an empty file, a folder, a missing file and an old .doc each get their message', async () => {
    const dir = recordWith({
      'empty.txt': '',
      'old.doc': Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
    });
    mkdirSync(path.join(dir, 'in', 'folder'));
    await refused(dir, 'in/empty.txt', 'is empty.');
    await refused(dir, 'in/folder', 'is a folder, not a minutes document.');
    await refused(dir, 'in/missing.txt', 'does not exist.');
    await refused(
      dir,
      'in/old.doc',
      'is an old-style Word (.doc) file; open it in Word and save it as .docx, then import that.',
    );
  });

  test('a document with no date and no --meeting is refused with what to do', async () => {
    const dir = recordWith({ 'm.txt': '1. FILMING AT MEETINGS\n\nNoted.\n' });
    const r = await importInto(dir, ['in/m.txt']);
    expect(r.json.documents[0]!.status).toBe('no-date');
    expect(r.json.documents[0]!.message).toBe(
      'in/m.txt: no meeting date was found in it (such as "HELD ON Thursday, 8th October, 2015"); give it with --meeting YYYY-MM-DD.',
    );
    expect(r.code).toBe(1);
  });

  test('a document that is not minutes (the terms of reference) is refused, nothing written', async () => {
    const dir = recordWith({});
    copySeed(path.join(dir, 'in'), '003_e584824c3cdaeaa7.txt', 'tor.txt');
    const r = await importInto(dir, ['in/tor.txt'], { meeting: '2016-01-14' });
    expect(r.json.documents[0]!.status).toBe('no-items');
    expect(r.json.documents[0]!.message).toBe(
      'in/tor.txt: no minutes items were found in it (headings such as "168. FILMING AT MEETINGS", or a number on a line of its own before the title), so nothing was written. Is it a set of minutes?',
    );
    expect(r.code).toBe(1);
    expect(existsSync(path.join(dir, 'records', 'meetings', '2016-01-14'))).toBe(false);
  });

  test('bad options are usage errors (exit 2), with the record untouched', async () => {
    const dir = recordWith({ 'm.txt': 'x' });
    const bad = await cspIn(dir, importArgv(['in/m.txt'], { meeting: '2023-02-30' }));
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe(
      'csp: --meeting 2023-02-30 is not a meeting date: write it YYYY-MM-DD (a real day), or YYYY-MM-DD-name for a second meeting that day.\n',
    );
    expect((await cspIn(dir, importArgv(['in/m.txt'], { meeting: '../../etc' }))).code).toBe(2);
    const two = await cspIn(dir, importArgv(['in/m.txt', 'in/m.txt'], { meeting: '2023-02-03' }));
    expect(two.code).toBe(2);
    expect(two.stderr).toBe(
      'csp: --meeting gives the date of one meeting, so import one document with it at a time.\n',
    );
    expect((await cspIn(dir, ['import'])).code).toBe(2);
    expect((await cspIn(dir, ['import', 'in/m.txt', '--format', 'csv'])).code).toBe(2);
    const spawned = importSpawned(dir, ['in/m.txt'], { meeting: '2023-02-30' });
    expect(spawned.code).toBe(2);
    expect(noStackTrace(spawned)).toBe(true);
  });
});

describe('the zip check', () => {
  test('passes a real Word document and names its parts', async () => {
    const { wordMinutes } = await import('./import-docs.js');
    const r = checkZip(await wordMinutes());
    expect(r.ok && r.names).toContain('word/document.xml');
  });

  test('refuses a cut-short archive', async () => {
    const { wordMinutes } = await import('./import-docs.js');
    const doc = await wordMinutes();
    expect(checkZip(doc.subarray(0, doc.length - 30))).toEqual({
      ok: false,
      message: 'is not a Word document (.docx): it is not a zip archive, or it is cut short.',
    });
  });
});
