// Builds the extension host bundle (dist/extension.js, `vscode` external) and transpiles the
// sources and tests one file each into out/ for mocha (unit tests and the in-editor suite).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) return name === 'fixtures' ? [] : tsFiles(file);
    return file.endsWith('.ts') && !file.endsWith('.d.ts') ? [file] : [];
  });
}

// Libraries the extension needs only once it does something (git, YAML, diffs, atomic writes):
// each is its own file in dist/vendor/, required on first use, so activation loads only the
// small host bundle.
const LAZY_VENDORS = ['simple-git', 'js-yaml', 'diff', 'write-file-atomic', 'vsls/vscode', 'ical-generator'];
// `from` is where the requiring bundle lives relative to dist/ ('' for dist/, '../' for a subfolder).
const lazyVendorsFrom = (from) => ({
  name: 'lazy-vendors',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${LAZY_VENDORS.join('|')})$`) }, (args) => ({ path: `./${from}vendor/${args.path}.js`, external: true }));
  },
});
const lazyVendors = lazyVendorsFrom('');
// Features loaded on first use, each a file of its own beside the host bundle.
const LAZY_FEATURES = { './reviewPanel': 'review', './programFeature': 'program', './scheduleFeature': 'schedule' };
const LAZY_IMPORTERS = { './reviewPanel': 'src/review/review.ts', './programFeature': 'src/program/registerProgram.ts', './scheduleFeature': 'src/schedule/registerSchedule.ts' };
const lazyFeatures = {
  name: 'lazy-features',
  setup(build) {
    build.onResolve({ filter: /^\.\/(reviewPanel|programFeature|scheduleFeature)$/ }, (args) => (args.importer.endsWith(LAZY_IMPORTERS[args.path]) ? { path: `./features/${LAZY_FEATURES[args.path]}.js`, external: true } : undefined));
  },
};
const features = {
  entryPoints: [
    { in: 'src/review/reviewPanel.ts', out: 'features/review' },
    { in: 'src/program/programFeature.ts', out: 'features/program' },
    { in: 'src/schedule/scheduleFeature.ts', out: 'features/schedule' },
  ],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  external: ['vscode'],
  plugins: [lazyVendorsFrom('../')],
  legalComments: production ? 'linked' : 'inline',
  minify: production,
  sourcemap: !production,
  metafile: true,
  logLevel: 'warning',
};

const require = createRequire(import.meta.url);
const vendors = {
  entryPoints: LAZY_VENDORS.map((name) => ({ in: require.resolve(name), out: `vendor/${name}` })),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  alias: { debug: './src/notes/quietDebug.ts' },
  external: ['vscode'],
  legalComments: production ? 'linked' : 'inline',
  minify: production,
  metafile: true,
  logLevel: 'warning',
};

const host = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  plugins: [lazyVendors, lazyFeatures],
  legalComments: production ? 'linked' : 'inline', // licenses of bundled packages go to dist/extension.js.LEGAL.txt
  minify: production,
  sourcemap: !production,
  metafile: true,
  logLevel: 'warning',
};

// The review webview's front end (media/review): a browser bundle with marked and DOMPurify,
// and its stylesheet, in dist/review/ — the only folder the webview may load from.
const reviewWebview = {
  entryPoints: [{ in: 'media/review/main.ts', out: 'review' }],
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  outdir: 'dist/review',
  // The host inlines the page script under its nonce: no "</script" may appear in it.
  supported: { 'inline-script': false },
  legalComments: production ? 'linked' : 'inline',
  minify: production,
  metafile: true,
  logLevel: 'warning',
};

// The Live Share stand-in the in-editor tests install (see test/fixtures/liveshare-standin).
const liveShareStandIn = {
  entryPoints: ['test/fixtures/liveshare-standin/src/extension.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'test/fixtures/liveshare-standin/out/extension.js',
  external: ['vscode'],
  logLevel: 'warning',
};

// The Open Collaboration Tools stand-in (see test/fixtures/oct-standin).
const octStandIn = { ...liveShareStandIn, entryPoints: ['test/fixtures/oct-standin/src/extension.ts'], outfile: 'test/fixtures/oct-standin/out/extension.js' };

const tests = {
  entryPoints: [...tsFiles('src'), ...tsFiles('test'), ...tsFiles('bench')],
  bundle: false,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'out',
  outbase: '.',
  sourcemap: 'inline',
  logLevel: 'warning',
};

// In watch mode, lines the editor's background problem matcher reads (.vscode/tasks.json):
// when a rebuild starts and ends, and each error as "file:line:column:".
const watchMarkers = {
  name: 'watch-markers',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) console.error(`✘ [ERROR] ${text}\n    ${location?.file}:${location?.line}:${location?.column}:`);
      console.log('[watch] build finished');
    });
  },
};

if (watch) {
  host.plugins = [...host.plugins, watchMarkers];
  const contexts = await Promise.all([esbuild.context(host), esbuild.context(vendors), esbuild.context(reviewWebview), esbuild.context(features), esbuild.context(tests)]);
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  // A clean dist/: no chunk or license file of an earlier build is packaged by mistake.
  rmSync('dist', { recursive: true, force: true });
  const [result, vendorResult, reviewResult] = await Promise.all([esbuild.build(host), esbuild.build(vendors), esbuild.build(reviewWebview), esbuild.build(features)]);
  // A clean out/ too: a test file deleted from test/ must not keep running from a stale copy.
  if (!production) rmSync('out', { recursive: true, force: true });
  if (!production) await Promise.all([esbuild.build(tests), esbuild.build(liveShareStandIn), esbuild.build(octStandIn)]);
  const kb = (outputs) => (Object.entries(outputs).filter(([file]) => file.endsWith('.js')).reduce((sum, [, o]) => sum + o.bytes, 0) / 1024).toFixed(1);
  console.log(`dist/extension.js: ${kb(result.metafile.outputs)} KB${production ? ' (minified)' : ''}; dist/vendor/ (loaded on first use): ${kb(vendorResult.metafile.outputs)} KB; dist/review/ (webview): ${kb(reviewResult.metafile.outputs)} KB`);
}
