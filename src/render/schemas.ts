/** What `csp schemas` prints: the schemas and their addresses, or what was written and how to use it. */
import type { SchemaFile } from '../workspace/assets.js';

/** The list of shipped schemas, each with the file it describes and its stable address. */
export function schemasList(list: readonly Pick<SchemaFile, 'name' | 'describes' | 'id'>[]): string {
  const lines = list.map((s) => `${s.name}  describes ${s.describes}\n  ${s.id}`);
  return `${lines.join('\n')}\n\nWrite them into a folder for your editor with: csp schemas --out DIR\n`;
}

/** What happened to one schema file written into a folder (the shape ops/schemas reports). */
export interface SchemaWrittenLine {
  name: string;
  shown: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'kept';
}

/** One line per schema file written or kept, then the editor setting that uses them. */
export function schemasWritten(written: readonly SchemaWrittenLine[]): string {
  const words = {
    created: 'created',
    updated: 'updated',
    unchanged: 'unchanged',
    kept: 'kept (not a csp schema, left as it is)',
  };
  const lines = written.map((w) => `${words[w.outcome]} ${w.shown}`);
  const members = written.find((w) => w.name === 'members.schema.json');
  const hint =
    members && members.outcome !== 'kept'
      ? [
          '',
          'To have an editor with the YAML language server (VS Code: the "YAML" extension) check members.yaml',
          'as you type, add to .vscode/settings.json (paths from the folder you opened):',
          `  "yaml.schemas": { ${JSON.stringify(`./${members.shown}`)}: "records/members.yaml" }`,
        ]
      : [];
  return [...lines, ...hint, ''].join('\n');
}
