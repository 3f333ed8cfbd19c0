/** The record every rule example is written over (and the tests' minimal record). */

/**
 * A partnership with one priority, a board of three (the police and health members
 * each with a deputy) and a clerk under others, relative to the record folder.
 */
export const EXAMPLE_RECORD: Readonly<Record<string, string>> = {
  'partnership.md':
    '---\nname: Test Borough Community Safety Partnership\nshort_name: Test CSP\npriorities:\n  - { id: prevention, title: Prevention }\n---\nTerms of reference.\n',
  'members.yaml': [
    'members:',
    '  - { id: cllr-chair, name: Cllr Ada Chair, organisation: Test Borough Council, sector: local-authority, role: chair, joined: 2020-01-01 }',
    '  - { id: pc-police, name: Supt Pat Police, organisation: Test Police, sector: police, role: member, joined: 2020-01-01, deputies: [dep-police] }',
    '  - { id: dr-health, name: Dr Hana Health, organisation: Test NHS, sector: health, role: member, joined: 2020-01-01, deputies: [dep-health] }',
    'others:',
    '  - { id: dep-police, name: Insp Dee Deputy, organisation: Test Police }',
    '  - { id: dep-health, name: Hal Deputy, organisation: Test NHS }',
    '  - { id: clerk, name: Committee Clerk, organisation: Test Borough Council }',
    '',
  ].join('\n'),
};
