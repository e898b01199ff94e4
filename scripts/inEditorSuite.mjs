// Runs code inside the real extension host of a code-server workbench (extensionTestsPath),
// as VS Code's own browser integration tests do. The workbench reports console output through
// window.codeAutomationLog and the end through window.codeAutomationExit (the smoke-test
// driver hooks, enabled by --vscode-option enable-smoke-test-driver).
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser, ROOT, startCodeServer, workbenchUrl } from './codeServer.mjs';
import { makeSampleWorkspace } from './sampleData.mjs';

const NOISE = [/vsda/, /open-vsx/i, /Canceled/, /marketplace/i, /ERR_INTERNET_DISCONNECTED|ERR_NAME_NOT_RESOLVED/, /AgentHost|ChatModelSelection|AccountPolicyGate/, /connection token|Creating a socket|reconnection-grace|builtin extensions cache|Service Worker/];

/** Returns the exit code, or 'timeout'. `onLine` sees every log line; `echo` prints the useful ones. */
export async function runInWorkbench({ runDir, extensionTestsPath, extensionDevelopmentPaths, extensions = [], env = {}, timeoutMs = 15 * 60_000, onLine = () => {}, echo = true }) {
  mkdirSync(runDir, { recursive: true });
  const logFile = join(runDir, 'workbench.log');
  const workspace = makeSampleWorkspace(join(runDir, 'workspace'));
  const server = await startCodeServer({ runDir, env, extensions, testDriver: true, log: (line) => appendFileSync(logFile, line) });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const finished = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The host forwards console calls as (format, ...values), like mocha's "%s%s".
      const values = Array.isArray(args) ? args : [args];
      const text = format(...values.map((a) => (typeof a === 'string' || typeof a === 'number' ? a : JSON.stringify(a))));
      appendFileSync(logFile, `${text}\n`);
      onLine(text);
      if (echo && !NOISE.some((n) => n.test(text)) && type !== 'trace' && type !== 'debug') console.log(text.replace(/\n$/, ''));
    });
    await page.goto(workbenchUrl(server, { folder: workspace, extensionTestsPath, extensionDevelopmentPaths }));
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
    const code = await Promise.race([finished, timeout]);
    if (code === 'timeout') {
      await page.screenshot({ path: join(runDir, 'timeout.png') }).catch(() => {});
      console.log(`The workbench run did not finish within ${timeoutMs / 1000} s; screenshot in ${runDir}/timeout.png, log in ${logFile}`);
    }
    return code;
  } finally {
    await browser.close();
    server.stop();
  }
}

/** The mocha suite in out/test/integration; returns its pass/fail counts. */
export async function runInEditorSuite({ runDir, timeoutMs, grep }) {
  let counts;
  const code = await runInWorkbench({
    runDir,
    timeoutMs,
    env: grep ? { MENTORSHIP_TEST_GREP: grep } : {},
    extensionTestsPath: join(ROOT, 'out', 'test', 'integration', 'index.js'),
    // Live Share's service and an OCT server cannot be reached here: stand-ins with their ids
    // implement Live Share's API and Open Collaboration Tools' commands.
    extensions: [join(ROOT, 'test', 'fixtures', 'liveshare-standin'), join(ROOT, 'test', 'fixtures', 'oct-standin')],
    onLine: (text) => {
      const match = /MENTORSHIP_RESULTS (\{.*\})/.exec(text);
      if (match) counts = JSON.parse(match[1]);
    },
  });
  if (!counts) {
    // The host never ran mocha to the end (crash, load failure): count the run as one failure.
    console.log(`The in-editor suite reported no results (exit ${code}); see ${join(runDir, 'workbench.log')}`);
    return { passed: 0, failed: 1 };
  }
  return counts;
}
