/**
 * csp's own files, shipped with the package beside dist/ and src/: the version, the JSON
 * Schemas, the built-in templates and the starter record, and a partnership's own
 * templates in the record's templates/ folder.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../core/errors.js';
import { shown } from '../core/paths.js';

/** The package's folder (holding package.json, schemas/, templates/): the nearest above this code (dist/ or src/workspace/). */
const PACKAGE = packageFolder(path.dirname(fileURLToPath(import.meta.url)));

function packageFolder(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..', '..');
  }
}

/** csp's version, from package.json. */
export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/**
 * Where csp itself is published, from package.json's repository: the GitHub action to
 * use (`owner/name@vX.Y.Z`, the release of this very version) and the address npm can
 * install the same release from.
 */
export function packageHome(): { action: string; install: string } {
  let url = '';
  try {
    url =
      (JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as { repository?: { url?: string } })
        .repository?.url ?? '';
  } catch {
    /* unreadable: the fallback below */
  }
  const repo = /github\.com[/:]([^/]+\/[^/.]+?)(?:\.git)?$/.exec(url)?.[1] ?? 'csp-clerk/csp';
  const tag = `v${packageVersion()}`;
  return { action: `${repo}@${tag}`, install: `git+https://github.com/${repo}.git#${tag}` };
}

/** The JSON Schema of one kind of file (schemas/<kind>.schema.json). */
export function schemaSource(kind: string): object {
  return JSON.parse(readFileSync(path.join(PACKAGE, 'schemas', `${kind}.schema.json`), 'utf8')) as object;
}

/** The record files each shipped JSON Schema describes, in the order csp lists them. */
export const SCHEMA_FILES = [
  { kind: 'partnership', describes: 'partnership.md (front matter)' },
  { kind: 'members', describes: 'members.yaml' },
  { kind: 'meeting', describes: 'meetings/<meeting>/meeting.md (front matter)' },
  { kind: 'minutes', describes: 'meetings/<meeting>/minutes.md (front matter)' },
  { kind: 'action', describes: 'actions/<action>.md (front matter)' },
] as const;

/** A shipped schema file: its name, its stable `$id` address and its exact text. */
export interface SchemaFile {
  name: string;
  describes: string;
  id: string;
  text: string;
}

/** Every JSON Schema shipped in the package's schemas/ folder, as files to hand to an editor. */
export function schemaFiles(): SchemaFile[] {
  return SCHEMA_FILES.map(({ kind, describes }) => {
    const name = `${kind}.schema.json`;
    const text = readFileSync(path.join(PACKAGE, 'schemas', name), 'utf8');
    return { name, describes, id: (JSON.parse(text) as { $id: string }).$id, text };
  });
}

/** A file of the starter record written by csp init (templates/init/<name>). */
export function initTemplate(name: string): string {
  return readFileSync(path.join(PACKAGE, 'templates', 'init', name), 'utf8');
}

const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** A template's source: the record's own `templates/<name>` when there is one, else the built-in one. */
export interface TemplateSource {
  /** The file it was read from, as shown to the user. */
  shown: string;
  /** Whether it is the partnership's own (records/templates/) rather than the built-in one. */
  own: boolean;
  source: string;
}

/** Reads a template (exit 2 when it cannot be read or is over 1 MiB). */
export function templateSource(root: string, display: string, name: string): TemplateSource {
  const ownFile = path.join(root, 'templates', name);
  const own = existsSync(ownFile);
  const abs = own ? ownFile : path.join(PACKAGE, 'templates', name);
  const where = own ? shown(display, `templates/${name}`) : `the built-in template ${name}`;
  try {
    if (statSync(abs).size > MAX_TEMPLATE_BYTES) throw new Error('the file is over 1 MiB');
    return { shown: where, own, source: readFileSync(abs, 'utf8').replace(/^\uFEFF/, '') };
  } catch (e) {
    throw new UsageError(
      `Could not read ${where}: ${(e as Error).message}.${own ? ' Correct or remove it to use the built-in one.' : ' Reinstall csp.'}`,
    );
  }
}

/**
 * The build's compiled form of a built-in template (dist/templates.cjs), when the build
 * compiled exactly this source; undefined otherwise (running from the sources, or a template
 * file changed since the build), and the template is then compiled at run time.
 */
export function compiledTemplate(name: string, source: string): unknown {
  try {
    const all = createRequire(import.meta.url)(path.join(PACKAGE, 'dist', 'templates.cjs')) as Record<
      string,
      { source: string; spec: unknown } | undefined
    >;
    const found = all[name];
    return found?.source === source ? found.spec : undefined;
  } catch {
    return undefined;
  }
}
