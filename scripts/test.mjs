// The whole test suite: unit tests (mocha, no editor), the in-editor suite inside a real VS
// Code extension host, and UI tests that drive the real workbench with Chromium. Ends with one
// line "N passed, N failed" for the whole run.
//   node scripts/test.mjs              everything
//   node scripts/test.mjs --unit       unit tests only
//   node scripts/test.mjs --integration  in-editor and UI tests only
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// A fresh clone: install the locked dependencies first, so `npm test` is all it takes.
if (!existsSync(join(ROOT, 'node_modules', '.package-lock.json'))) {
  console.log('Installing dependencies (npm ci) …');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
}
const { default: Mocha } = await import('mocha');
const { ensureTools, tempDir } = await import('./codeServer.mjs');
const { runInEditorSuite } = await import('./inEditorSuite.mjs');

const only = process.argv.find((a) => a === '--unit' || a === '--integration');
const grep = process.env.MENTORSHIP_TEST_GREP;
const totals = { passed: 0, failed: 0 };

function filesIn(dir, suffix) {
  try {
    return readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(suffix)).sort().map((f) => join(dir, f));
  } catch {
    return [];
  }
}

async function runMocha(files, timeout) {
  const mocha = new Mocha({ ui: 'bdd', timeout, reporter: 'spec', color: process.stdout.isTTY });
  if (grep) mocha.grep(grep);
  files.forEach((f) => mocha.addFile(f));
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const counts = { passed: 0, failed: 0 };
    const runner = mocha.run(() => resolve(counts));
    runner.on('pass', () => counts.passed++);
    runner.on('fail', () => counts.failed++);
  });
}

function add(name, counts) {
  console.log(`\n${name}: ${counts.passed} passed, ${counts.failed} failed`);
  totals.passed += counts.passed;
  totals.failed += counts.failed;
}

try {
  console.log('Building …');
  execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (only !== '--integration' && !grep) {
    // Static checks count as tests: strict types, and the lint rule that keeps src/core pure.
    const checks = { passed: 0, failed: 0 };
    for (const [name, args] of [
      ['type check (tsc --noEmit)', ['run', '--silent', 'typecheck']],
      ['lint (eslint)', ['run', '--silent', 'lint']],
    ]) {
      try {
        execFileSync('npm', args, { cwd: ROOT, stdio: 'inherit' });
        console.log(`  ✔ ${name}`);
        checks.passed++;
      } catch {
        console.log(`  ✗ ${name}`);
        checks.failed++;
      }
    }
    add('Static checks', checks);
  }
  if (only !== '--integration') {
    add('Unit tests', await runMocha(filesIn(join(ROOT, 'out', 'test', 'unit'), '.test.js'), 20_000));
  }
  if (only !== '--unit') {
    ensureTools();
    console.log('\nIn-editor tests (real VS Code extension host) …');
    add('In-editor tests', await runInEditorSuite({ runDir: tempDir('in-editor-'), grep }));
    console.log('\nUI tests (real workbench driven by Chromium) …');
    add('UI tests', await runMocha(filesIn(join(ROOT, 'test', 'ui'), '.test.mjs'), 180_000));
  }
} catch (error) {
  console.error(error);
  totals.failed++;
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
