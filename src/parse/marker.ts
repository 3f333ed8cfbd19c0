/** The action marker of SPEC 1.4, `[action: OWNER…; due …]` or `[action <id>: …]`, in one place. */

/**
 * Matches one marker: group 1 the synced id (if any), group 2 what follows the colon.
 * Repeats are bounded so a line of unclosed markers cannot make it backtrack for minutes.
 * It is global: reset lastIndex (or use String.replace/matchAll) before each use.
 */
export const ACTION_MARKER = /\[action(?:[ \t]+([^\s:\]]{1,200}))?[ \t]*:([^\]\n]{0,500})\]/g;
