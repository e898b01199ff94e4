// The same in-editor mocha suite, run in desktop VS Code through @vscode/test-electron, for
// people with desktop VS Code and internet (it downloads VS Code on first use). CI and the
// README's test command use the offline code-server runner instead (scripts/test.mjs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT } from './codeServer.mjs';
import { makeSampleWorkspace } from './sampleData.mjs';

execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });
const runDir = mkdtempSync(join(tmpdir(), 'mentorship-electron-'));
const workspace = makeSampleWorkspace(join(runDir, 'workspace'));
let failed = 0;
try {
  await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--user-data-dir', join(runDir, 'user-data'), '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(error);
  failed = 1;
}
process.exit(failed);
