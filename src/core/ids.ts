/**
 * The identifiers of the record (meetings, people, actions), each with its own pattern.
 * Nothing the clerk types is used as a path without passing one of these.
 */

/** A date as the record writes it: `YYYY-MM-DD` (the shape only; see isRealDate for the day). */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A time on the 24-hour clock, `HH:MM`. */
export const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** A slug: lower-case letters and digits in words joined by single hyphens. */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A meeting id, the folder name: `YYYY-MM-DD`, or `YYYY-MM-DD-<slug>` (group 1 the date, group 2 the slug). */
export const MEETING_ID = /^(\d{4}-\d{2}-\d{2})(?:-([a-z0-9]+(?:-[a-z0-9]+)*))?$/;

/** A person id in members.yaml: a slug. */
export const PERSON_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** An action id, the file name without `.md`: a slug (`<meeting-id>-<minute>-<n>` for actions raised in minutes). */
export const ACTION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The id an action raised in minutes gets: `<meeting-id>-<minute>-<n>`. */
export function actionIdFor(meeting: string, minute: number, n: number): string {
  return `${meeting}-${minute}-${n}`;
}
