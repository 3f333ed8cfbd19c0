/** The action marker in minutes, `[action: OWNER…; due …]` or `[action <id>: …]`, in one place. */

/**
 * Matches one marker: group 1 the synced id (if any), group 2 what follows the colon.
 * Repeats are bounded so a line of unclosed markers cannot make it backtrack for minutes.
 * It is global: reset lastIndex (or use String.replace/matchAll) before each use.
 */
export const ACTION_MARKER = /\[action(?:[ \t]+([^\s:\]]{1,200}))?[ \t]*:([^\]\n]{0,500})\]/g;

/**
 * Matches one review of an earlier action, `[review ACTION-ID: STATUS]`: group 1 the
 * action id, group 2 the status as written. Bounded like ACTION_MARKER; global.
 */
export const REVIEW_MARKER = /\[review[ \t]+([^\s:\]]{1,200})[ \t]*:([^\]\n]{0,100})\]/g;

/** The statuses a review may report, as written, and the action status each records. */
export const REVIEW_STATUSES: Readonly<Record<string, 'open' | 'in-progress' | 'done' | 'dropped'>> = {
  open: 'open',
  outstanding: 'open',
  'in-progress': 'in-progress',
  'in progress': 'in-progress',
  ongoing: 'in-progress',
  done: 'done',
  completed: 'done',
  complete: 'done',
  closed: 'done',
  dropped: 'dropped',
};
