// The floors of src/, bottom to top: a module may import only from its own floor and the
// floors below it. Used by the lint (eslint.config.js) and by test/floors.test.ts.
export const FLOORS = [
  'core',
  'model',
  'workspace',
  'parse',
  'schema',
  'load',
  'queries',
  'rules',
  'import',
  'render',
  'ops',
  'commands',
  'cli',
];

// The only floors that may touch the disk or run programs (node:fs, node:child_process):
// workspace/ for the record, cli/ for the process, import/ for the clerk's input documents.
export const DISK = ['workspace', 'cli', 'import'];
