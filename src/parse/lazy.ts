/**
 * The YAML and markdown parsers, loaded on first use: a command whose files are all in
 * the parse cache never loads them (remark alone is ~80 ms of start-up). Node 20.19+
 * loads csp's own ES modules synchronously with require(). Code that runs csp from its
 * TypeScript sources, where there is no .js to require, hands the modules in first.
 */
import { createRequire } from 'node:module';

type YamlModule = typeof import('./yaml.js');
type MarkdownModule = typeof import('./markdown.js');

const require = createRequire(import.meta.url);
let yamlModule: YamlModule | undefined;
let markdownModule: MarkdownModule | undefined;

/** Supplies the parser modules instead of requiring them (for a runner of the TypeScript sources). */
export function provideParsers(modules: { yaml: YamlModule; markdown: MarkdownModule }): void {
  yamlModule = modules.yaml;
  markdownModule = modules.markdown;
}

/** The YAML parser (src/parse/yaml.ts). */
export function yamlParser(): YamlModule {
  return (yamlModule ??= require('./yaml.js') as YamlModule);
}

/** The markdown reader (src/parse/markdown.ts). */
export function markdownParser(): MarkdownModule {
  return (markdownModule ??= require('./markdown.js') as MarkdownModule);
}
