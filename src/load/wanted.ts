/**
 * Which files of a listing a command reads: kept apart from the loader, so that a warm
 * validate that gives the last check's findings again (src/load/findings-memo.ts) asks the
 * same question without loading the parsers, the schemas and the rules.
 */
import { ACTION_ID, MEETING_ID } from '../core/ids.js';
import type { SchemaKind } from '../schema/check.js';
import type { RecordListing } from '../workspace/read.js';
import type { FileWant } from './files.js';

/**
 * The files of a listing a command reads, and which of their bodies: partnership.md and
 * members.yaml, each listed meeting's meeting.md and minutes.md, and each action.
 */
export function wantedFiles(listing: RecordListing, links: boolean, minutesBody: (id: string) => boolean): FileWant[] {
  const wants: FileWant[] = [];
  const want = (abs: string | undefined, kind: SchemaKind, frontMatter: boolean, body: boolean) => {
    if (abs !== undefined) wants.push({ abs, kind, frontMatter, body });
  };
  want(listing.partnership, 'partnership', true, links);
  want(listing.members, 'members', false, false);
  for (const [id, found] of listing.meetings) {
    if (!MEETING_ID.test(id)) continue;
    want(found.meeting, 'meeting', true, links);
    want(found.minutes, 'minutes', true, links || minutesBody(id));
  }
  for (const [id, abs] of listing.actions) if (ACTION_ID.test(id)) want(abs, 'action', true, links);
  return wants;
}
