import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { git } from '../support/git';
import { eventually, mentorshipApi, menteeAndMentorClones, setSetting } from './harness';

type Trees = Awaited<ReturnType<typeof mentorshipApi>>['trees'];

/** Every onDidChangeTreeData of the three trees, as "tree: node id" ("tree: all" for the root). */
function recordRedraws(trees: Trees): { heard: string[]; dispose(): void } {
  const heard: string[] = [];
  const subscriptions = Object.entries(trees).map(([name, tree]) =>
    tree.onDidChangeTreeData((node) => heard.push(`${name}: ${(Array.isArray(node) ? node[0] : node)?.id ?? 'all'}`)),
  );
  return { heard, dispose: () => subscriptions.forEach((s) => s.dispose()) };
}

const quiet = (ms = 600): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('View refresh by events', () => {
  it('a commit in one relationship redraws that relationship in each tree, nothing else; a save redraws Next Sync only; a sync that brings nothing redraws nothing', async () => {
    const api = await mentorshipApi();
    const { mentee, mentor } = await menteeAndMentorClones();
    // Nothing syncs on its own meanwhile: the test runs each sync itself. The invitation poll
    // (running while an earlier test left the Pairing view shown) would sync too: hide it.
    await setSetting('sync.auto', false);
    await vscode.commands.executeCommand('workbench.view.explorer');
    // Render each tree once, as the views do, so the relationship nodes exist.
    for (const tree of Object.values(api.trees)) assert.equal((await tree.getChildren()).length, 2);
    await quiet(); // let the load and the first syncs settle
    const redraws = recordRedraws(api.trees);
    let scratch: string | undefined;
    try {
      const sam = await api.directory.relationshipAt(mentee);
      assert.ok(sam);
      await sam.repo.commitFiles([{ path: 'updates/2026-11-30-abcd1234.md', content: '---\ndate: 2026-11-30\nauthor: sam@example.com\n---\n# Update\n' }], 'Post update');
      await eventually('the redraws', () => redraws.heard.length >= 3);
      await quiet(); // and nothing more comes
      assert.deepEqual([...redraws.heard].sort(), [`nextSync: relationship:${mentee}`, `pairing: relationship:${mentee}`, `takeaways: relationship:${mentee}`]);

      // Saving a code file may move anchors: only Next Sync, which shows where they are.
      redraws.heard.length = 0;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      assert.ok(folder);
      scratch = path.join(folder, 'scratch-events.ts');
      writeFileSync(scratch, 'export const a = 1;\n');
      const document = await vscode.workspace.openTextDocument(scratch);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(1, 0), 'export const b = 2;\n');
      assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applied');
      await eventually('the save', async () => (await document.save()) || !document.isDirty);
      assert.equal(readFileSync(scratch, 'utf8'), 'export const a = 1;\nexport const b = 2;\n');
      await eventually('the Next Sync redraw', () => redraws.heard.length >= 1);
      await quiet();
      assert.ok(redraws.heard.every((heard) => heard.startsWith('nextSync: ')), redraws.heard.join(' | '));

      // The invitation poll syncs: a sync that brings nothing redraws no tree.
      redraws.heard.length = 0;
      const alex = await api.directory.relationshipAt(mentor);
      assert.ok(alex);
      const before = git(mentor, 'log', '--format=%s', '-3');
      const outcome = await alex.sync.syncNow();
      assert.equal(outcome.kind, 'synced');
      await quiet();
      assert.deepEqual(redraws.heard, [], `sync ${JSON.stringify(outcome)}; Alex's log before: ${before}; after: ${git(mentor, 'log', '--format=%s', '-3')}`);

      // What Sam pushed comes in on Alex's side (by this sync or the invitation poll): a redraw
      // of Alex's relationship only.
      assert.equal((await sam.sync.syncNow()).kind, 'synced');
      await alex.sync.syncNow();
      await eventually("Sam's update in Alex's clone", () => git(mentor, 'log', '-1', '--format=%s') === 'Post update');
      await eventually('the redraws', () => redraws.heard.length >= 3);
      await quiet();
      assert.deepEqual([...redraws.heard].sort(), [`nextSync: relationship:${mentor}`, `pairing: relationship:${mentor}`, `takeaways: relationship:${mentor}`]);
    } finally {
      redraws.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      if (scratch) rmSync(scratch, { force: true });
      await setSetting('sync.auto', undefined);
    }
  });

  it('an invitation that expires redraws its relationship in the Pairing view, with no commit or poll', async () => {
    const api = await mentorshipApi();
    const { mentor } = await menteeAndMentorClones();
    await setSetting('sync.auto', false);
    const alex = await api.directory.relationshipAt(mentor);
    assert.ok(alex);
    const now = Date.now();
    const invitation = `---\nhost: Sam Rivera\nhost_email: sam@example.com\nlink: https://prod.liveshare.vsengsaas.visualstudio.com/join?4C5D6E7F8A9B\nstarted: ${new Date(now).toISOString()}\nexpires: ${new Date(now + 6_000).toISOString()}\naccess: read-only\n---\n\n# Sam Rivera is pairing now\n`;
    await alex.repo.commitFiles([{ path: 'pairing/sam-example-com.md', content: invitation }], 'Pairing invitation: Sam Rivera');
    const node = (await api.trees.pairing.getChildren()).find((row) => row.id === `relationship:${mentor}`);
    assert.ok(node);
    const rows = async (): Promise<string[]> => (await api.trees.pairing.getChildren(node)).map((row) => String(row.label));
    assert.ok((await rows()).includes('Sam Rivera is pairing now'), (await rows()).join(' | '));
    await quiet(); // the commit's own redraw has passed
    const redraws = recordRedraws(api.trees);
    try {
      await eventually('the redraw at expiry', () => redraws.heard.includes(`pairing: relationship:${mentor}`), 15_000);
      assert.ok(!(await rows()).includes('Sam Rivera is pairing now'));
      assert.deepEqual(redraws.heard, [`pairing: relationship:${mentor}`]);
    } finally {
      redraws.dispose();
      await setSetting('sync.auto', undefined);
    }
  });
});
