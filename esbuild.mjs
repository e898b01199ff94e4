// Builds the extension host bundle (dist/extension.js, `vscode` external) and transpiles the
// sources and tests one file each into out/ for mocha (unit tests and the in-editor suite).
import * as esbuild from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) return name === 'fixtures' ? [] : tsFiles(file);
    return file.endsWith('.ts') && !file.endsWith('.d.ts') ? [file] : [];
  });
}

const host = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  alias: { debug: './src/notes/quietDebug.ts' },
  legalComments: production ? 'linked' : 'inline', // licenses of bundled packages go to dist/extension.js.LEGAL.txt
  minify: production,
  sourcemap: !production,
  metafile: true,
  logLevel: 'warning',
};

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

if (watch) {
  const contexts = await Promise.all([esbuild.context(host), esbuild.context(tests)]);
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const result = await esbuild.build(host);
  if (!production) await esbuild.build(tests);
  const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
  console.log(`dist/extension.js: ${(bytes / 1024).toFixed(1)} KB${production ? ' (minified)' : ''}`);
}
