// Writes the rules reference into README.md from the rule definitions, so it cannot drift.
// `npm run docs` rewrites it; test/readme.test.ts fails when it is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { rulesReference } = await import(path.join(root, 'dist', 'rules-reference.js'));
const readme = path.join(root, 'README.md');
const text = readFileSync(readme, 'utf8');
const next = text.replace(/(<!-- rules:start -->\n)[\s\S]*?(<!-- rules:end -->)/, `$1${rulesReference()}$2`);
if (next !== text) writeFileSync(readme, next);
console.log(next === text ? 'README.md rules reference is up to date.' : 'README.md rules reference rewritten.');
