import * as vscode from 'vscode';
import { COMMANDS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import { describeSync } from './nodes';

/**
 * Shows the notes sync only while it means something: commits waiting for an unreachable
 * remote, or a sync that stopped. Also puts the same words on the Next Sync view.
 */
export class SyncStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mentorship.sync', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly directory: MentorshipDirectory,
    private readonly nextSyncView: vscode.TreeView<vscode.TreeItem>,
  ) {
    this.item.name = 'Mentorship Notes Sync';
    this.item.command = COMMANDS.syncNow;
    this.subscriptions = [directory.onDidChangeRelationships(() => void this.update()), directory.onDidChangeSync(() => void this.update())];
  }

  private async update(): Promise<void> {
    const relationships = await this.directory.relationships();
    const problems = relationships
      .map((relationship) => ({ relationship, text: describeSync(relationship.sync.state) }))
      .filter((entry): entry is { relationship: (typeof relationships)[number]; text: string } => entry.text !== undefined);
    if (problems.length === 0) {
      this.item.hide();
      this.nextSyncView.message = undefined;
      return;
    }
    const pending = problems.reduce((sum, { relationship }) => {
      const state = relationship.sync.state;
      return sum + (state.kind === 'offline' || state.kind === 'failed' ? state.pending : 0);
    }, 0);
    this.item.text = `$(cloud-upload) ${pending} not pushed`;
    this.item.tooltip = `${problems.map(({ relationship, text }) => `${relationship.label}: ${text}`).join('\n')}\nClick to sync now.`;
    this.item.show();
    this.nextSyncView.message = problems.map(({ text }) => text).join(' ');
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
