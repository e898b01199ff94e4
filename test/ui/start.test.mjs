// UI test: `npm start` as a new user runs it — the plain URL, no test-only options.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, launchBrowser, ROOT, tempDir } from '../../scripts/codeServer.mjs';

describe('npm start in the real workbench', function () {
  let child;
  let browser;
  let sample;
  let output = '';
  before(async function () {
    sample = join(tempDir('ui-start-'), 'sample');
    const port = await freePort();
    child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), MENTORSHIP_SAMPLE_DIR: sample },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const started = Date.now();
    while (!output.includes('Press Ctrl+C to stop.')) {
      if (child.exitCode !== null || Date.now() - started > 120_000) throw new Error(`npm start did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close().catch(() => {});
    if (child) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  });

  it('prints the plain URL, which opens the sample workspace with Mentorship and its agenda; toasts show', async function () {
    const url = /^\s+(http:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(output)?.[1];
    assert.ok(url, output);
    assert.ok(existsSync(join(sample, 'cart-checkout', '.git')) && existsSync(join(sample, 'notes', 'sam-and-alex', '.git')), 'the sample is where MENTORSHIP_SAMPLE_DIR says');
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The sample folder is open: its name is in the Explorer or the window title.
    await page.waitForFunction(() => document.title.includes('cart-checkout'), undefined, { timeout: 30_000 });
    await page.locator('.activitybar .action-item:has([aria-label^="Mentorship"])').first().click({ timeout: 60_000 });
    const row = page.locator('.monaco-list-row', { hasText: 'Why does this effect run after every render?' }).first();
    await row.waitFor({ timeout: 60_000 });
    // The sample is dated relative to today: a mentorship under way, not one that slipped.
    const nextSync = await page.locator('.pane', { has: page.locator('.pane-header:has-text("Next Sync")') }).first().locator('.monaco-list-row').allInnerTexts();
    assert.ok(nextSync.some((r) => r.includes('Session 3 of 5')), nextSync.join(' | '));
    assert.ok(!nextSync.some((r) => /No sync for/.test(r)), `no slipped-cadence nudge on a fresh sample: ${nextSync.join(' | ')}`);
    // Not the smoke-test driver: a Mentorship message shows as a toast, not only under the bell.
    // Joining a Live Share link where Live Share is not installed says so.
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Mentorship: Join Pairing from Link');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Join Pairing from Link' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.quick-input-widget input').press('Enter');
    await page.waitForFunction(() => document.querySelector('.quick-input-widget')?.textContent?.includes('Paste the link'), undefined, { timeout: 30_000 });
    await page.locator('.quick-input-widget input').fill('https://prod.liveshare.vsengsaas.visualstudio.com/join?4C5D6E7F8A9B');
    await page.locator('.quick-input-widget input').press('Enter');
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'Live Share, which is not installed here' }).first().waitFor({ timeout: 20_000 });
  });
});
