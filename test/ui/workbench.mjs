// Opens the real workbench (code-server + Chromium) with the extension in development mode,
// for UI tests that click and type as a user does and assert on what is on screen and disk.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, ROOT, startCodeServer, tempDir, workbenchUrl } from '../../scripts/codeServer.mjs';
import { makeSampleWorkspace } from '../../scripts/sampleData.mjs';

/**
 * `prepare(runDir)` returns the settings to start with (it may create notes repos first);
 * `folder` names the sample workspace (another name stands for a machine without that repository);
 * `extensions` are unpacked extension folders installed first (the stand-ins).
 */
export async function openWorkbench({ prepare = () => ({}), name = 'ui-', extensions = [], folder = 'cart-checkout' } = {}) {
  const runDir = tempDir(name);
  // Named like the sample's repository, so the sample agenda items find their code (another
  // name stands for a machine without that repository: the mentor's).
  const workspace = makeSampleWorkspace(join(runDir, folder));
  const settings = prepare(runDir);
  const logs = [];
  const server = await startCodeServer({ runDir, settings, extensions, testDriver: true, log: (l) => logs.push(l) });
  // Machine-scoped settings of a remote window are read from the server's Machine settings.
  mkdirSync(join(runDir, 'user-data', 'Machine'), { recursive: true });
  writeFileSync(join(runDir, 'user-data', 'Machine', 'settings.json'), JSON.stringify(settings, null, 2));
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(workbenchUrl(server, { folder: workspace }));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return {
    page,
    runDir,
    workspace,
    async close() {
      await browser.close().catch(() => {});
      server.stop();
    },
  };
}

/** Clicks the Mentorship container in the Activity Bar and waits for its views. */
export async function showMentorship(page) {
  // Clicking the active container would close the side bar again.
  if (await page.locator('.pane-header:has-text("Next Sync")').first().isVisible()) return;
  // The item itself, not its label: the count badge drawn over the label takes the click.
  await page.locator('.activitybar .action-item:has([aria-label^="Mentorship"])').first().click({ timeout: 60_000 });
  await page.locator('.pane-header[aria-label^="Next Sync"], .pane-header:has-text("Next Sync")').first().waitFor({ timeout: 30_000 });
}

/**
 * Polls `probe` every 250 ms until it returns something truthy (returned) or the time is up. A
 * probe that throws fails at once: tests use that to stop on a state that must never appear.
 */
export async function eventually(what, probe, timeoutMs = 20_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Runs a command through the Command Palette, as a user would. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await input.press('Enter');
}

/** Answers the current quick input step (an input box or a pick) and accepts it. */
export async function answer(page, text, { expectPrompt } = {}) {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input');
  if (expectPrompt) {
    // An input box shows its prompt as text; a pick shows it as the input's placeholder.
    await page.waitForFunction(
      (prompt) => {
        const w = document.querySelector('.quick-input-widget');
        const i = w?.querySelector('input');
        return !!w && (w.textContent?.includes(prompt) || i?.getAttribute('placeholder')?.includes(prompt));
      },
      expectPrompt,
      { timeout: 10_000 },
    );
  }
  await input.fill(text);
  // Pressed on the input itself, not on whatever has the focus: a view that opens late (the
  // Extensions view, say) can take the focus between typing and Enter.
  await input.press('Enter');
}

/** The rows a tree view shows, as their accessible labels. */
export async function treeRows(page, viewTitle) {
  const pane = page.locator('.pane', { has: page.locator(`.pane-header:has-text("${viewTitle}")`) }).first();
  return pane.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));
}

/**
 * Every notification's text (toasts and the ones under the bell), read from the Notifications
 * center. Opening it goes through the Command Palette, which cancels any quick input still open.
 */
export async function notificationTexts(page) {
  if (!(await page.locator('.notifications-center.visible').count())) await runCommand(page, 'Notifications: Show Notifications');
  await page.locator('.notifications-center.visible').waitFor({ timeout: 5_000 });
  return page.locator('.notifications-center .notification-list-item, .notifications-toasts .notification-list-item').evaluateAll((items) => items.map((i) => i.innerText.replace(/\s+/g, ' ').trim()));
}

/** The text of every dialog on screen (the Command Palette reports a failed command in a modal). */
export async function dialogTexts(page) {
  return page.locator('.monaco-dialog-box').evaluateAll((boxes) => boxes.map((b) => b.innerText.replace(/\s+/g, ' ').trim()));
}

/**
 * Saves a screenshot in the run's folder; with MENTORSHIP_SCREENSHOTS=1 also as the Getting
 * Started walkthrough's image `walkthrough` (media/walkthrough/), so those show the real workbench.
 */
export async function screenshot(wb, name, walkthrough) {
  const file = join(wb.runDir, name);
  await wb.page.screenshot({ path: file });
  if (walkthrough && process.env.MENTORSHIP_SCREENSHOTS) {
    mkdirSync(join(ROOT, 'media', 'walkthrough'), { recursive: true });
    copyFileSync(file, join(ROOT, 'media', 'walkthrough', walkthrough));
  }
}
