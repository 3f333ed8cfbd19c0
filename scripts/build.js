// Build step: bundles the CLI with esbuild into dist/ (the source layout stays as it is).
// One entry for the command line (commander and csp's start-up in one file), one chunk per
// command, loaded when that command runs, and separate entries for what is loaded lazily:
// the YAML and markdown parsers (required only on an index miss that needs them), the
// worker threads, and the rules reference for scripts/rules-doc.js; and the text of
// `csp --help`, which bin/csp.cjs prints without loading the command line. The build carries a
// digest of what it was built from, so the record index never trusts readings made by
// other code.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

/** Every file under `dir`, sorted, as paths relative to the project. */
function files(dir) {
  return readdirSync(path.join(root, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

const id = createHash('sha256');
for (const f of [...files('src'), ...files('schemas'), 'package-lock.json']) {
  id.update(f);
  id.update('\0');
  id.update(readFileSync(path.join(root, f)));
}
const buildId = id.digest('hex').slice(0, 32);

// commander requires node:child_process when it loads (only to run a subcommand that is a
// program of its own, which csp has none of); loading that module brings sockets and more
// with it, on every command. It gets a stand-in that requires the real module only if used.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'child_process', namespace: 'csp-lazy' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'csp-lazy' }, () => ({
      contents:
        "let real; module.exports = new Proxy({}, { get: (_t, k) => (real ??= require('node:child_process'))[k] });",
      loader: 'js',
    }));
  },
};

/** What every ES module file of the bundle is built with. */
const common = {
  absWorkingDir: root,
  outdir: dist,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Loaded at run time from node_modules: date-holidays only for years outside the pinned
  // range, the compiled schemas' ajv runtime, and the importers' document readers.
  external: ['date-holidays', 'ajv', 'ajv/*', 'ajv-formats', 'ajv-formats/*', 'mammoth', 'unpdf'],
  // Bundled CommonJS packages (commander, handlebars) call require(): give every chunk one.
  banner: {
    js: "import { createRequire as __cspCreateRequire } from 'node:module';\nconst require = __cspCreateRequire(import.meta.url);",
  },
  define: { __CSP_BUILD__: JSON.stringify(buildId) },
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  metafile: true,
};

rmSync(dist, { recursive: true, force: true });
const { metafile } = await build({
  ...common,
  entryPoints: {
    main: 'src/cli/main.ts',
    io: 'src/cli/io.ts',
    yaml: 'src/parse/yaml.ts',
    markdown: 'src/parse/markdown.ts',
    'parse-worker': 'src/load/parse-worker.ts',
    'render-worker': 'src/render/site/render-worker.ts',
    'check-worker': 'src/render/site/check-worker.ts',
    'extract-worker': 'src/import/extract-worker.ts',
    'rules-reference': 'src/rules/reference.ts',
    // Named files for what the agenda's own file (below) loads from this build.
    'agenda-html': 'src/render/agenda-html.ts',
    'handlebars-compiler': 'handlebars',
  },
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  plugins: [lazyChildProcess],
  splitting: true,
});

// csp agenda's own file: the command line and everything a warm agenda runs, in one file
// (dist/agenda-cli.js), which bin/csp.cjs loads for `csp agenda` (not --publish or --out, which
// write, nor --help).
// Node's module loader costs a council's agenda about as much for the forty small files of the
// split build as for the code itself. Of the other commands it holds none (they are never run
// from it); what an agenda loads only now and then comes from the split build's named files: the
// HTML agenda's markdown renderer, the handlebars compiler (for a record's own template), the
// parsers and the reading threads (files of their own there too). None of those shares state
// or classes with the command: plain values go to them and come back.
const notHere = (what) =>
  `throw new Error(${JSON.stringify(`csp agenda's own file does not hold ${what}: run it through bin/csp.cjs`)});`;
const agendaOnly = {
  name: 'agenda-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/[\w./-]+\.js$/ }, (args) => {
      const from = path.relative(root, args.importer).replaceAll(path.sep, '/');
      if (
        from === 'src/cli/main.ts' &&
        /^\.\.\/commands\//.test(args.path) &&
        !/\/(agenda|context)\.js$/.test(args.path)
      )
        return { path: args.path, namespace: 'csp-not-here' };
      if (from === 'src/commands/agenda.ts' && /\/(publish-agenda|read|output-file)\.js$/.test(args.path))
        return { path: args.path, namespace: 'csp-not-here' };
      if (from === 'src/commands/agenda.ts' && args.path === '../render/agenda-html.js')
        return { path: './agenda-html.js', external: true };
      return undefined;
    });
    b.onResolve({ filter: /^handlebars$/ }, (args) =>
      args.importer.endsWith(`render${path.sep}record-templates.ts`)
        ? { path: './handlebars-compiler.js', external: true }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'csp-not-here' }, (args) => ({ contents: notHere(args.path), loader: 'js' }));
  },
};
const agenda = await build({
  ...common,
  entryPoints: { 'agenda-cli': 'src/cli/agenda-cli.ts' },
  plugins: [lazyChildProcess, agendaOnly],
  splitting: false,
});
Object.assign(metafile.outputs, agenda.metafile.outputs);

// What bin/csp.cjs starts before it loads csp (the agenda's sweep of the record's stats): a
// CommonJS file of its own, so that it is required without Node's module loader. It shares no
// state with the rest (only functions that find the record and its index, copied in).
await build({
  ...common,
  entryPoints: { early: 'src/cli/early.ts' },
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // Modules that ask where they are (import.meta.url) are told, as in the ES module build.
  banner: { js: "'use strict';\nconst __cspModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { __CSP_BUILD__: JSON.stringify(buildId), 'import.meta.url': '__cspModuleUrl' },
  metafile: false,
});

// What each file of the bundle holds (csp's modules and the packages in it) and which
// files it loads with it, for the start-up tests.
const holds = {};
for (const [out, { inputs, imports }] of Object.entries(metafile.outputs)) {
  const names = Object.keys(inputs).map((i) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(i)?.[1] ?? i);
  const loads = imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => path.basename(i.path));
  holds[path.basename(out)] = { holds: [...new Set(names)].sort(), loads: [...new Set(loads)].sort() };
}
writeFileSync(path.join(dist, 'bundle-contents.json'), `${JSON.stringify(holds, null, 1)}\n`);

// The built-in templates, compiled now (with the options csp renders them with), so a command
// that renders one does not compile it at run time; each carries its source, and a template
// whose text is not that source is compiled as before.
{
  const { default: Handlebars } = await import('handlebars');
  const names = readdirSync(path.join(root, 'templates'))
    .filter((n) => n.endsWith('.hbs'))
    .sort();
  const parts = names.map((name) => {
    const source = readFileSync(path.join(root, 'templates', name), 'utf8').replace(/^\uFEFF/, '');
    const hb = Handlebars.create();
    const spec = hb.precompile(hb.parseWithoutProcessing(source), { noEscape: !name.endsWith('.html.hbs') });
    return `${JSON.stringify(name)}: { source: ${JSON.stringify(source)}, spec: ${spec} }`;
  });
  writeFileSync(path.join(dist, 'templates.cjs'), `'use strict';\nmodule.exports = {\n${parts.join(',\n')}\n};\n`);
}

// The help of `csp --help`, as the command line prints it into a pipe (no terminal width),
// for bin/csp.cjs to print without loading the command line.
const help = execFileSync(process.execPath, [path.join(root, 'bin', 'csp.cjs'), '--help'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, NO_COLOR: '1' },
});
writeFileSync(path.join(dist, 'help.txt'), help);
console.log(`bundled the CLI into dist/ (${Object.keys(holds).length} files)`);
