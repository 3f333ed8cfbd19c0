/**
 * The YAML and markdown parsers, loaded on first use: a command whose files are all in
 * the parse cache never loads them (remark alone is ~80 ms of start-up). Node 20.19+
 * loads csp's own ES modules synchronously with require(); under the test runner, which
 * runs the TypeScript sources, they are imported up front instead.
 */
import { createRequire } from 'node:module';

type YamlModule = typeof import('./yaml.js');
type MarkdownModule = typeof import('./markdown.js');

const preloaded: { yaml: YamlModule; markdown: MarkdownModule } | undefined = process.env.VITEST
  ? { yaml: await import('./yaml.js'), markdown: await import('./markdown.js') }
  : undefined;

const require = createRequire(import.meta.url);
let yamlModule: YamlModule | undefined;
let markdownModule: MarkdownModule | undefined;

/** The YAML parser (src/parse/yaml.ts). */
export function yamlParser(): YamlModule {
  return (yamlModule ??= preloaded?.yaml ?? (require('./yaml.js') as YamlModule));
}

/** The markdown reader (src/parse/markdown.ts). */
export function markdownParser(): MarkdownModule {
  return (markdownModule ??= preloaded?.markdown ?? (require('./markdown.js') as MarkdownModule));
}
