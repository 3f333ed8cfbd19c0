/**
 * What the clerk typed comes back in refusals (an action id, a person, an option): a
 * terminal escape or other control character in it is shown as an escape, never sent raw.
 */
import { describe, it, expect } from 'vitest';
import { cli, copyBundled, csp, snapshot } from './helpers.js';
import { terminalSafe } from '../src/core/text.js';

const ESC = '\u001b';
// eslint-disable-next-line no-control-regex -- the characters that must never reach the terminal raw
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const CASES: { name: string; args: string[]; stderr: RegExp }[] = [
  {
    name: 'an action id holding a clear-screen sequence',
    args: ['action', 'update', `bad${ESC}[2J`, '--status', 'done'],
    stderr: /^csp: "bad\\u001b\[2J" is not an action id\./,
  },
  {
    name: 'an unknown option holding a blink sequence',
    args: ['validate', `--colour${ESC}[5m`],
    stderr: /unknown option '--colour\\u001b\[5m'/,
  },
  {
    name: 'a meeting holding a title-setting sequence and a bell',
    args: ['agenda', `2027-01-14${ESC}]0;owned\u0007`],
    stderr: /2027-01-14\\u001b\]0;owned\\u0007/,
  },
];

describe('refusals that echo what was typed', () => {
  for (const c of CASES) {
    it(`${c.name}: shown escaped, in-process and from the built binary, the record unchanged`, async () => {
      const dir = copyBundled();
      const before = snapshot(dir);
      for (const r of [await cli(dir, c.args), csp(dir, c.args)]) {
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(c.stderr);
        expect(r.stderr).not.toMatch(RAW);
        expect(r.stdout).toBe('');
      }
      expect(snapshot(dir)).toEqual(before);
    });
  }
});

describe('terminalSafe', () => {
  it('escapes control characters but keeps the line breaks and tabs a message is laid out with', () => {
    expect(terminalSafe(`a${ESC}[31mb\u0007\u009b\u007f`)).toBe('a\\u001b[31mb\\u0007\\u009b\\u007f');
    expect(terminalSafe('line one\n\tline two')).toBe('line one\n\tline two');
    expect(terminalSafe('carriage\rreturn')).toBe('carriage\\rreturn');
  });
});
