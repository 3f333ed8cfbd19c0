/** What an import did, document by document: the op returns it, the renderer reports it. */
import type { RosterPerson } from './people.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Note, Place, UnknownName } from './recognise.js';

/** What became of one document. */
export interface FileResult {
  file: string;
  status: 'imported' | 'dry-run' | 'already-imported' | 'exists' | 'unreadable' | 'no-date' | 'no-items';
  message?: string;
  meeting?: string;
  /** Files written (or, in a dry run, that would be): path as shown, and the text. */
  writes: { path: string; text: string }[];
  items: number;
  firstMinute?: number;
  lastMinute?: number;
  decisions: number;
  actions: number;
  unknown: UnknownName[];
  unplaced: Place[];
  notes: Note[];
  added: RosterPerson[];
  format?: string;
}

/** The whole import. */
export interface ImportResult {
  results: FileResult[];
  /** Findings of csp validate on the new files, after writing. */
  diagnostics: Diagnostic[];
  exitCode: 0 | 1;
}
