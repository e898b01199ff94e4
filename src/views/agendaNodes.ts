import * as vscode from 'vscode';
import { questionTitle, type AgendaItem } from '../core/agendaItem';
import type { ItemLocation } from '../anchors/anchorLocator';
import { placeOf } from '../anchors/currentLocation';
import { COMMANDS } from '../constants';
import type { AgendaProblem } from '../notes/agendaStore';
import type { Relationship } from '../notes/relationship';
import { ProblemNode } from './nodes';

/** Where a row's code is; "locating" while a large agenda is still being re-located. */
export type RowLocation = ItemLocation | { readonly kind: 'locating' };

// An open item is a question, not a done thing: the icon says where its code stands, never a check.
const STATUS_ICON: Record<string, string> = { exact: 'location', moved: 'arrow-swap', changed: 'diff-modified', gone: 'circle-slash' };
// One vocabulary: the row says what its hover says.
const STATUS_WORD: Record<string, string> = { exact: 'unchanged', moved: 'moved', changed: 'changed', gone: 'gone' };

/** One flagged piece of code on the agenda: file:line and where its code is now. */
export class AgendaItemNode extends vscode.TreeItem {
  constructor(
    readonly relationship: Relationship,
    readonly item: AgendaItem,
    readonly where: RowLocation,
    unreadReplies = 0,
  ) {
    super(questionTitle(item.question), vscode.TreeItemCollapsibleState.None);
    this.id = `agenda:${relationship.root}:${item.id}`;
    // "agendaItem:open" / "agendaItem:discussed": matched by `viewItem =~ /^agendaItem/` in package.json.
    this.contextValue = `agendaItem:${item.status}`;
    const state = where.kind === 'here' ? statusWord(where.location) : where.kind === 'locating' ? 'locating…' : 'snippet only';
    const parts = [placeOf(item, where), state];
    // Several places fit as well: the user checks which one is theirs.
    if (where.kind === 'here' && (where.location.candidates ?? 0) > 1) parts.push(`${where.location.candidates} candidates`);
    if (where.kind === 'here' && where.missingCommit) parts.push('found by text');
    if (item.status === 'discussed') parts.push('discussed');
    if (unreadReplies > 0) parts.push(`${unreadReplies} unread repl${unreadReplies === 1 ? 'y' : 'ies'}`);
    this.description = parts.join(' · ');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(item.question);
    tooltip.appendMarkdown(`\n\n---\n\n${reasonOf(where)}`);
    if (item.tags.length) tooltip.appendMarkdown(`\n\nTags: ${item.tags.map((tag) => `\`${tag}\``).join(' ')}`);
    this.tooltip = tooltip;
    this.iconPath = new vscode.ThemeIcon(where.kind === 'here' ? (STATUS_ICON[where.location.status] ?? 'comment') : where.kind === 'locating' ? 'loading~spin' : 'file-code');
    this.command = { command: COMMANDS.openAgendaItem, title: 'Open', arguments: [relationship.root, item.id] };
  }
}

function statusWord(location: { readonly status: string; readonly reason: string }): string {
  if (location.status === 'exact' && /whitespace/.test(location.reason)) return 'whitespace changed';
  return STATUS_WORD[location.status] ?? location.status;
}

function reasonOf(where: RowLocation): string {
  if (where.kind === 'here' && where.missingCommit) {
    return `${where.location.reason}\n\nThe commit it was flagged at (${where.missingCommit.slice(0, 7)}) is not in this clone, so its code was found by its text, not by following git's history. Pull or fetch the branch it was flagged on to track it exactly.`;
  }
  if (where.kind === 'here') return where.location.reason;
  if (where.kind === 'locating') return 'Finding where this code is now…';
  return 'The code is not on this machine: opening shows the captured snippet.';
}

/** Agenda files that could not be read, with why; never rewritten or dropped. */
export class NeedsAttentionNode extends vscode.TreeItem {
  constructor(
    readonly relationship: Relationship,
    readonly problems: readonly AgendaProblem[],
  ) {
    super('Needs attention', vscode.TreeItemCollapsibleState.Expanded);
    this.id = `needs-attention:${relationship.root}`;
    this.contextValue = 'needsAttention';
    this.description = `${problems.length} file${problems.length === 1 ? '' : 's'} could not be read`;
    this.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  }

  children(): vscode.TreeItem[] {
    return this.problems.map((problem) => new ProblemNode(problem.file, problem.problem));
  }
}

/** A file or a tag, when the agenda is grouped (items keep the sync order inside). */
export class AgendaGroupNode extends vscode.TreeItem {
  constructor(
    relationship: Relationship,
    label: string,
    private readonly items: readonly AgendaItemNode[],
    icon: string,
  ) {
    super(label, vscode.TreeItemCollapsibleState.Expanded);
    this.id = `agenda-group:${relationship.root}:${label}`;
    this.contextValue = 'agendaGroup';
    this.description = `${items.length}`;
    this.iconPath = new vscode.ThemeIcon(icon);
  }

  children(): vscode.TreeItem[] {
    return [...this.items];
  }
}
