import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../constants';
import type { OpenActionItem, SessionEntry, UpdateEntry } from '../notes/sessionStore';
import type { Relationship } from '../notes/relationship';

/** "Follow-ups": open action items of past sessions, at the top of Next Sync. */
export class FollowUpsNode extends vscode.TreeItem {
  constructor(
    readonly relationship: Relationship,
    private readonly items: readonly OpenActionItem[],
  ) {
    super('Follow-ups', vscode.TreeItemCollapsibleState.Expanded);
    this.id = `follow-ups:${relationship.root}`;
    this.contextValue = 'followUps';
    this.description = `${items.length} open action item${items.length === 1 ? '' : 's'} from past sessions`;
    this.iconPath = new vscode.ThemeIcon('checklist');
  }

  children(): vscode.TreeItem[] {
    return this.items.map((item) => new FollowUpNode(this.relationship, item));
  }
}

/** One open action item; checking its box checks the line off in its session file. */
export class FollowUpNode extends vscode.TreeItem {
  constructor(
    readonly relationship: Relationship,
    readonly followUp: OpenActionItem,
  ) {
    super(followUp.action.text, vscode.TreeItemCollapsibleState.None);
    const { entry, action } = followUp;
    this.id = `follow-up:${relationship.root}:${entry.file}:${action.line}`;
    this.contextValue = 'followUp';
    this.description = `${action.owner ? `${action.owner} · ` : ''}from ${entry.session.date}`;
    this.checkboxState = { state: vscode.TreeItemCheckboxState.Unchecked, tooltip: 'Mark done (checks it off in the session file)' };
    this.tooltip = `${action.text}\n\nFrom the session on ${entry.session.date} (${entry.file}, line ${action.line + 1}).`;
    this.accessibilityInformation = { label: `Follow-up: ${action.text}, from ${entry.session.date}, not done` };
  }
}

/** A recorded session: its number, date, length and rating; opens its takeaways. */
export class SessionNode extends vscode.TreeItem {
  constructor(
    readonly relationship: Relationship,
    readonly entry: SessionEntry,
    number: number,
  ) {
    const { session } = entry;
    super(session.title, vscode.TreeItemCollapsibleState.None);
    const file = path.join(relationship.root, entry.file);
    this.id = `session:${file}`;
    this.contextValue = session.rating === undefined ? 'session:unrated' : 'session:rated';
    const open = session.actionItems.filter((a) => !a.done && a.text).length;
    this.description = [
      `#${number}`,
      session.date,
      session.minutes ? `${session.minutes} min` : undefined,
      session.rating ? `rated ${session.rating}/5` : 'not rated',
      open ? `${open} open` : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    this.tooltip = new vscode.MarkdownString(
      `**${session.title}**\n\n${session.takeaways.map((t) => `- ${t}`).join('\n') || '_No takeaways written yet._'}`,
    );
    this.iconPath = new vscode.ThemeIcon('notebook');
    this.resourceUri = vscode.Uri.file(file);
    this.command = { command: COMMANDS.openReview, title: 'Open in Review', arguments: [relationship.root, entry.file] };
  }
}

/** Async updates posted between syncs. */
/** One async update between syncs, shown among the sessions by date. */
export class UpdateNode extends vscode.TreeItem {
  constructor(relationship: Relationship, readonly entry: UpdateEntry) {
    // The distinguishing words first: a narrow sidebar still shows "Update · <date>".
    super(`Update · ${entry.update.date}`, vscode.TreeItemCollapsibleState.None);
    const file = path.join(relationship.root, entry.file);
    this.id = `update:${file}`;
    this.contextValue = 'update';
    this.description = [entry.update.author, Object.keys(entry.update.sections).join(', ')].filter(Boolean).join(' · ');
    this.iconPath = new vscode.ThemeIcon('megaphone');
    this.command = { command: COMMANDS.openNote, title: 'Open Update', arguments: [file] };
  }
}

/** The other side's versions a sync kept beside notes both people changed. */
export class ConflictCopiesNode extends vscode.TreeItem {
  constructor(
    private readonly relationship: Relationship,
    private readonly copies: readonly string[],
  ) {
    super('Kept both versions', vscode.TreeItemCollapsibleState.Expanded);
    this.id = `conflict-copies:${relationship.root}`;
    this.contextValue = 'conflictCopies';
    this.description = `${copies.length} to merge by hand`;
    this.tooltip = 'Both of you changed these notes. Your version stayed in place; the other version is kept here. Compare, merge by hand, then delete the copy.';
    this.iconPath = new vscode.ThemeIcon('git-merge', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  }

  children(): vscode.TreeItem[] {
    return this.copies.map((copy) => {
      const original = copy.replace(/^conflicts\//, '').replace(/-theirs-[0-9a-f]+(\.\w+)$/, '$1');
      const node = new vscode.TreeItem(path.posix.basename(copy), vscode.TreeItemCollapsibleState.None);
      node.id = `conflict-copy:${this.relationship.root}:${copy}`;
      node.description = `beside ${original}`;
      node.iconPath = new vscode.ThemeIcon('diff');
      node.command = { command: COMMANDS.compareConflictCopy, title: 'Compare', arguments: [this.relationship.root, original, copy] };
      return node;
    });
  }
}
