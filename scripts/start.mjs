// `npm start`: installs what is missing, then serves a real VS Code (code-server's workbench on
// 127.0.0.1) with Mentorship, the sample workspace and the sample notes repo, as a user sees it:
// no test-only options. `npm start -- --reset` starts over from fresh sample data.
// Ctrl+C stops it. Uses only Node built-ins until dependencies exist.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(ROOT, 'node_modules', '.package-lock.json'))) {
  console.log('Installing dependencies (npm ci) …');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
}
const { ensureTools, startCodeServer } = await import('./codeServer.mjs');
const { makeSampleNotesRepo, makeSampleWorkspace } = await import('./sampleData.mjs');

ensureTools();
console.log('Building the extension …');
execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });

// Outside the clone, so VS Code's Git sees only the sample's own repository. The sample notes
// repo lives beside the workspace, never inside it (notes could be shared).
const sample = process.env.MENTORSHIP_SAMPLE_DIR || join(tmpdir(), 'mentorship-sample');
if (process.argv.includes('--reset')) {
  console.log(`Resetting the sample data in ${sample} …`);
  rmSync(sample, { recursive: true, force: true });
}
const workspace = makeSampleWorkspace(join(sample, 'cart-checkout'));
// Dated relative to today, so the sample reads as a mentorship under way.
const notes = makeSampleNotesRepo(join(sample, 'notes', 'sam-and-alex'), { today: new Date() });
const settings = { 'mentorship.notesRepo.path': notes };
const runDir = join(sample, 'vscode');
mkdirSync(join(runDir, 'user-data', 'Machine'), { recursive: true });
writeFileSync(join(runDir, 'user-data', 'Machine', 'settings.json'), JSON.stringify(settings, null, 2));

const port = Number(process.env.PORT) || 8080;
// The plain URL opens the sample workspace (code-server's default folder) with Mentorship
// installed from this clone (a link, so a rebuild shows after a window reload).
const server = await startCodeServer({ runDir, settings, port, folder: workspace, installed: [ROOT], log: (line) => process.env.DEBUG && process.stdout.write(line) });
console.log(`
Mentorship is running in a real VS Code:

  ${server.url}

Open that URL in a browser on this machine. The Mentorship icon is in the Activity Bar.
Sample workspace: ${workspace}
Sample notes repo: ${notes}
Start over with fresh sample data: npm start -- --reset
Press Ctrl+C to stop.`);
const stop = () => {
  server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
