// UI test: the Getting Started walkthroughs, as a new user opens them from the Command Palette.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { makeSampleNotesRepo } from '../../scripts/sampleData.mjs';
import { eventually, openWorkbench, runCommand, showMentorship, treeRows } from './workbench.mjs';

/** Each step of the open walkthrough: its title and whether it shows as done. */
async function steps(page) {
  return page.locator('button.getting-started-step').evaluateAll((buttons) =>
    // The step's check icon says whether it is done (the button's own aria-checked means "selected").
    buttons.map((b) => {
      const icon = b.querySelector('[data-done-step-id]');
      return { title: b.querySelector('.step-title')?.textContent?.trim() ?? b.textContent?.trim() ?? '', done: icon?.getAttribute('aria-checked') === 'true' || !!icon?.className.includes('step-checked') };
    }),
  );
}

describe('Getting Started walkthrough in the real workbench', function () {
  let wb;
  before(async function () {
    wb = await openWorkbench({
      name: 'ui-walkthrough-',
      prepare: (runDir) => ({ 'mentorship.notesRepo.path': makeSampleNotesRepo(join(runDir, 'sample-notes')) }),
    });
  });
  after(async () => wb?.close());

  it("lists the mentee's steps; a step's button runs its command and the step shows as done", async function () {
    // The notes repo loads with the views: then the "has a relationship" context is set.
    await showMentorship(wb.page);
    await eventually('the agreement row', async () => (await treeRows(wb.page, 'Next Sync')).some((r) => r.includes('Session 3 of 5')));
    await runCommand(wb.page, 'Welcome: Open Walkthrough...');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started as a Mentee' }).first().click();
    const shown = await eventually('the steps', async () => {
      const list = await steps(wb.page);
      return list.length >= 6 ? list : undefined;
    });
    assert.deepEqual(
      shown.map((s) => s.title),
      ['Write down your agreement', 'Share the notes with your mentor', 'Flag code for your next sync', 'Pair through Live Share', 'Record the takeaways', 'Look back'],
    );
    assert.equal((await steps(wb.page)).find((s) => s.title === 'Look back')?.done, false);
    // The step's own button runs the command, as a user would click it.
    await wb.page.locator('button.getting-started-step', { hasText: 'Look back' }).first().click();
    await wb.page.locator('.getting-started-step.expanded a, .getting-started-step.expanded .monaco-button', { hasText: 'Open Review' }).first().click();
    await wb.page.locator('.tabs-container .tab', { hasText: 'Mentorship Review' }).first().waitFor({ timeout: 20_000 });
    await wb.page.locator('.tabs-container .tab', { hasText: 'Welcome' }).first().click().catch(() => {});
    await eventually('Look back checked', async () => (await steps(wb.page)).find((s) => s.title === 'Look back')?.done);
  });
});
