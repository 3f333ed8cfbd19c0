/** A copy of the bundled record with the XSS corpus placed wherever a reader's page shows record text. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyBundled } from '../helpers.js';
import { payloadMarkdown, XSS_PAYLOADS, yamlPayload } from './xss-corpus.js';

function edit(file: string, fn: (text: string) => string): void {
  const before = readFileSync(file, 'utf8');
  const after = fn(before);
  if (after === before) throw new Error(`the hostile record's edit of ${file} changed nothing`);
  writeFileSync(file, after);
}

/**
 * Copies the bundled record and plants the payloads in: minutes bodies (draft and
 * approved), an item heading, agenda item titles, people's names, the venue, an action's
 * title, the partnership's short name and the terms of reference. Returns the folder
 * holding records/.
 */
export function hostileRecord(): string {
  const dir = copyBundled();
  const r = (...p: string[]) => path.join(dir, 'records', ...p);
  edit(r('members.yaml'), (t) =>
    t
      .replace('name: Cllr Declan Hurst', `name: ${yamlPayload(1)}`)
      .replace('name: Priya Raman', `name: ${yamlPayload(32)}`),
  );
  edit(
    r('partnership.md'),
    (t) =>
      t.replace('short_name: Example CSP', `short_name: ${yamlPayload(31)}`).trimEnd() + `\n\n${payloadMarkdown()}\n`,
  );
  edit(
    r('meetings', '2026-12-10', 'meeting.md'),
    (t) =>
      t
        .replace('venue: Civic Centre, Committee Room 1', `venue: ${yamlPayload(32)}`)
        .replace(/status: scheduled[^\n]*/, 'status: published\npublished: 2026-11-30')
        .replace(
          '  - title: Community Safety Strategy 2027–2030 – consultation feedback',
          `  - title: ${yamlPayload(0)}`,
        )
        .replace('  - title: Reducing re-offending – probation update', `  - title: ${yamlPayload(12)}`)
        .trimEnd() + `\n\n${payloadMarkdown()}\n`,
  );
  edit(
    r('meetings', '2026-10-08', 'minutes.md'),
    (t) =>
      t.replace('## 296. Dates of future meetings', `## 296. Dates of future meetings ${XSS_PAYLOADS[1]}`).trimEnd() +
      `\n\n${payloadMarkdown()}\n`,
  );
  edit(r('meetings', '2026-07-16', 'minutes.md'), (t) => t.trimEnd() + `\n\n${payloadMarkdown()}\n`);
  edit(r('actions', '2026-07-16-279-1.md'), (t) => t.replace(/^title: .*$/m, `title: ${yamlPayload(16)}`));
  edit(r('actions', '2026-10-08-292-1.md'), (t) => t.replace(/^title: .*$/m, `title: ${yamlPayload(2)}`));
  return dir;
}
