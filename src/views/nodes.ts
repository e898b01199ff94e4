import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Agreement } from '../core/agreement';
import type { FrontMatterProblem } from '../core/frontMatter';
import type { NoteSummary } from '../core/noteSummary';
import { COMMANDS } from '../constants';
import type { Relationship } from '../notes/relationship';
import type { SyncState } from '../notes/syncScheduler';

/**
 * Tree nodes of the Mentorship views. Each is a vscode.TreeItem carrying what its children
 * need; `contextValue` names the node kind for `when` clauses in package.json.
 */
export class RelationshipNode extends vscode.TreeItem {
  constructor(readonly relationship: Relationship) {
    super(relationship.label, vscode.TreeItemCollapsibleState.Expanded);
    this.id = `relationship:${relationship.root}`;
    this.contextValue = 'relationship';
    this.iconPath = new vscode.ThemeIcon('organization');
    this.tooltip = relationship.root;
  }
}

export class AgreementNode extends vscode.TreeItem {
  constructor(relationship: Relationship, agreement: Agreement, sessionsHeld: number) {
    const usedUp = sessionsHeld >= agreement.sessionsPlanned;
    const label =
      agreement.status === 'closed'
        ? 'Mentorship closed'
        : usedUp
          ? `All ${agreement.sessionsPlanned} sessions held — review the agreement`
          : `Session ${sessionsHeld + 1} of ${agreement.sessionsPlanned}`;
    super(label, vscode.TreeItemCollapsibleState.None);
    this.id = `agreement:${relationship.root}`;
    this.contextValue = 'agreement';
    this.description = `${agreement.minutesPerSession} min · ${agreement.cadence}`;
    this.tooltip = new vscode.MarkdownString(
      `**${agreement.mentee.name}** (mentee) with **${agreement.mentor.name}** (mentor)\n\n` +
        `Purpose: ${agreement.purpose || '—'}\n\nStarted ${agreement.started}`,
    );
    this.iconPath = new vscode.ThemeIcon(usedUp && agreement.status !== 'closed' ? 'bell' : 'law');
    this.command =
      usedUp && agreement.status !== 'closed'
        ? { command: COMMANDS.reviewAgreement, title: 'Review the Agreement', arguments: [relationship.root] }
        : { command: COMMANDS.openAgreement, title: 'Open Agreement', arguments: [relationship.root] };
  }
}

export class NoteNode extends vscode.TreeItem {
  constructor(relationship: Relationship, relativePath: string, summary: NoteSummary, description: string, icon: string) {
    super(summary.title, vscode.TreeItemCollapsibleState.None);
    const file = path.join(relationship.root, relativePath);
    this.id = `note:${file}`;
    this.contextValue = 'note';
    this.description = description;
    this.tooltip = summary.tags.length > 0 ? `${summary.title}\n\nTags: ${summary.tags.join(', ')}` : summary.title;
    this.iconPath = new vscode.ThemeIcon(icon);
    this.resourceUri = vscode.Uri.file(file);
    this.command = { command: COMMANDS.openNote, title: 'Open', arguments: [file] };
  }
}

/** A file that could not be read: listed with the reason, never rewritten or dropped. */
export class ProblemNode extends vscode.TreeItem {
  constructor(file: string, problem: FrontMatterProblem) {
    super(path.basename(file), vscode.TreeItemCollapsibleState.None);
    this.id = `problem:${file}`;
    this.contextValue = 'problem';
    this.description = `line ${problem.line}: ${problem.reason}`;
    this.tooltip = `${file}:${problem.line}\n${problem.reason}\n\nFix the file by hand; Mentorship will not overwrite it.`;
    this.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    this.command = {
      command: 'vscode.open',
      title: 'Open File',
      arguments: [vscode.Uri.file(file), { selection: new vscode.Range(problem.line - 1, 0, problem.line - 1, 0) }],
    };
  }
}

/** A one-line explanation inside a view (an empty group, a repo that cannot be used). */
export class MessageNode extends vscode.TreeItem {
  constructor(label: string, tooltip?: string, icon = 'info', command?: vscode.Command) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.contextValue = 'message';
    this.tooltip = tooltip ?? label;
    this.iconPath = new vscode.ThemeIcon(icon);
    this.command = command;
  }
}

/** How a relationship's sync stands, in words for a view message or tooltip. */
export function describeSync(state: SyncState): string | undefined {
  switch (state.kind) {
    case 'offline': {
      const seconds = Math.max(0, Math.round((state.retryAt.getTime() - Date.now()) / 1000));
      return `Remote unreachable: ${state.pending} commit${state.pending === 1 ? '' : 's'} kept locally, retrying in ${seconds} s.`;
    }
    case 'failed':
      return `Sync stopped: ${state.message} (${state.pending} commit${state.pending === 1 ? '' : 's'} not pushed).`;
    default:
      return undefined;
  }
}
