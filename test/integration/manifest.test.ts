import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, mentorshipApi } from './harness';

describe('Commands in a real VS Code', () => {
  it('every contributed command is registered once the extension is active, and every registered one is contributed', async () => {
    await mentorshipApi();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive);
    const manifest = extension.packageJSON as { contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]> } };
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    // VS Code adds "<view id>.focus" and the like for each view: those are the workbench's.
    const viewIds = Object.values(manifest.contributes.views).flat().map((view) => view.id);
    const registered = (await vscode.commands.getCommands(true))
      .filter((id) => id.startsWith('mentorship.') && !viewIds.some((view) => id.startsWith(`${view}.`)))
      .sort();
    assert.deepEqual(
      contributed.filter((id) => !registered.includes(id)),
      [],
      'contributed but not registered',
    );
    assert.deepEqual(
      registered.filter((id) => !contributed.includes(id)),
      [],
      'registered but not contributed',
    );
  });
});
