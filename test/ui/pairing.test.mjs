// UI tests: pairing over a link (and with Open Collaboration Tools' stand-in installed), clicked
// and typed as a user does in the real workbench; asserted on what is on screen and on disk.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/codeServer.mjs';
import { makeSampleNotesRepo } from '../../scripts/sampleData.mjs';
import { eventually, openWorkbench, runCommand, showMentorship, treeRows } from './workbench.mjs';

const MEETING = 'https://meet.example.org/abc-defg-hij';

/** A message shown as a toast or kept in the notification center. */
async function notificationShown(page, text) {
  await runCommand(page, 'Notifications: Show Notifications');
  await page.locator('.notifications-center .notification-list-item', { hasText: text }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Escape');
}

describe('Pairing over a link in the real workbench', function () {
  let wb;
  let notes;
  before(async function () {
    wb = await openWorkbench({
      name: 'ui-pairing-',
      extensions: [join(ROOT, 'test', 'fixtures', 'oct-standin')],
      prepare: (runDir) => {
        notes = makeSampleNotesRepo(join(runDir, 'sample-notes'));
        // Alex (the mentor) hosts over a meeting link: the invitation as it arrives by a pull.
        mkdirSync(join(notes, 'pairing'), { recursive: true });
        const now = Date.now();
        writeFileSync(
          join(notes, 'pairing', 'alex-example-com.md'),
          `---\nhost: Alex Chen\nhost_email: alex@example.com\nbackend: link\nlink: ${MEETING}\nstarted: ${new Date(now).toISOString()}\nexpires: ${new Date(now + 3_600_000).toISOString()}\naccess: read-write\n---\n`,
        );
        execFileSync('git', ['add', '-A'], { cwd: notes });
        execFileSync('git', ['-c', 'user.name=Alex Chen', '-c', 'user.email=alex@example.com', 'commit', '--quiet', '-m', 'Pairing invitation: Alex Chen'], { cwd: notes });
        return { 'mentorship.notesRepo.path': notes, 'mentorship.pairing.backend': 'link' };
      },
    });
  });
  after(async () => wb?.close());

  async function pairingRows(probe) {
    return eventually('pairing rows', async () => {
      const shown = await treeRows(wb.page, 'Pairing');
      return probe(shown) ? shown : undefined;
    });
  }

  it("guest: the invitation names where the link goes; Join shows the host and opens it in the browser only after confirming; the session timer runs", async function () {
    await showMentorship(wb.page);
    const rows = await pairingRows((shown) => shown.some((r) => r.startsWith('Alex Chen is pairing now')));
    assert.ok(rows.some((r) => /Alex Chen is pairing now\s*Join · since \d\d:\d\d · read-write · opens meet\.example\.org/.test(r)), rows.join(' | '));
    await wb.page.locator('.monaco-list-row', { hasText: 'Alex Chen is pairing now' }).first().click();
    const pick = wb.page.locator('.quick-input-widget');
    await pick.locator("text=Alex Chen's session is on meet.example.org. Open the link in your browser?").first().waitFor({ timeout: 15_000 });
    assert.ok(await pick.locator('.monaco-list-row', { hasText: MEETING }).first().isVisible(), 'the full link is shown before opening');
    await wb.page.screenshot({ path: join(wb.runDir, 'pairing-link-confirm.png') });
    // The machine is offline: the meeting service answers from here, so the window opened shows it.
    await wb.page.context().route('https://meet.example.org/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Meeting</title>Meeting room' }));
    const popup = wb.page.context().waitForEvent('page', { timeout: 20_000 });
    await wb.page.keyboard.press('Enter');
    // VS Code asks once more for a domain it does not trust yet.
    const dialog = wb.page.locator('.monaco-dialog-box');
    if (await dialog.first().waitFor({ timeout: 5_000 }).then(() => true, () => false)) {
      await wb.page.screenshot({ path: join(wb.runDir, 'pairing-link-vscode-asks.png') });
      await dialog.locator('.monaco-button', { hasText: /^Open$/ }).first().click();
    }
    const opened = await popup;
    await opened.waitForLoadState();
    assert.ok(opened.url().startsWith(MEETING), opened.url());
    assert.equal(await opened.title(), 'Meeting');
    await opened.close().catch(() => {});
    const joined = await pairingRows((shown) => shown.some((r) => r.startsWith("Joined Alex Chen's session")));
    assert.ok(joined.some((r) => r === 'Leave Session'), joined.join(' | '));
    assert.ok(await wb.page.locator('.statusbar-item', { hasText: '/ 75 min' }).first().isVisible(), 'the timer shows against the planned length');
    await wb.page.locator('.monaco-list-row', { hasText: 'Leave Session' }).first().click();
    await notificationShown(wb.page, 'Pairing ended after');
  });

  it('host: Start Pairing says a link cannot be read-only, takes the pasted link, posts it naming its backend, and End offers the takeaways', async function () {
    await showMentorship(wb.page);
    // Independent of the guest test: a session it left running is left first.
    if ((await treeRows(wb.page, 'Pairing')).includes('Leave Session')) await wb.page.locator('.monaco-list-row', { hasText: 'Leave Session' }).first().click();
    await pairingRows((shown) => shown.some((r) => r.startsWith('Start Pairing with')));
    // A row's hover (the invitation's tooltip) would catch the click.
    await wb.page.mouse.move(700, 10);
    await wb.page.keyboard.press('Escape');
    await wb.page.locator('.monaco-list-row', { hasText: 'Start Pairing with' }).first().click();
    const pick = wb.page.locator('.quick-input-widget');
    await pick.locator('text=A link cannot share read-only').first().waitFor({ timeout: 15_000 });
    await wb.page.screenshot({ path: join(wb.runDir, 'pairing-no-read-only.png') });
    await wb.page.keyboard.press('Enter');
    await pick.locator('text=Paste the meeting link to post').first().waitFor({ timeout: 15_000 });
    // Pasted with stray spaces: posted trimmed.
    await pick.locator('input').fill(`  https://meet.example.org/sam-room  `);
    await pick.locator('input').press('Enter');
    const file = join(notes, 'pairing', 'sam-example-com.md');
    const text = await eventually('the invitation on disk', () => (existsSync(file) ? readFileSync(file, 'utf8') : undefined));
    assert.match(text, /\nbackend: link\nlink: https:\/\/meet\.example\.org\/sam-room\n/);
    const rows = await pairingRows((shown) => shown.some((r) => r.startsWith('Hosting · read-write')));
    assert.ok(rows.includes('The link is copied — your guest shows in the meeting'), rows.join(' | '));
    // Said once the invitation is posted and the view refreshed (a click during that refresh is lost).
    await notificationShown(wb.page, 'Pairing started (over a link, not read-only); the link is copied.');
    await wb.page.mouse.move(700, 10);
    await wb.page.locator('.monaco-list-row', { hasText: 'End Pairing' }).first().click();
    await eventually('the invitation withdrawn', () => !existsSync(file)).catch(async (error) => {
      await wb.page.screenshot({ path: join(wb.runDir, 'pairing-link-not-ended.png') });
      throw error;
    });
    await notificationShown(wb.page, 'Pairing ended after');
  });
});
