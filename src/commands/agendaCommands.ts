import * as path from 'node:path';
import * as vscode from 'vscode';
import { askQuestion } from '../ui/askQuestion';
import { questionTitle, type AgendaItem, type AgendaStatus } from '../core/agendaItem';
import type { AnchorLocator } from '../anchors/anchorLocator';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { Relationship } from '../notes/relationship';
import { AgendaItemNode } from '../views/agendaNodes';
import { snippetUri } from '../views/snippetProvider';
import { openInSharedWorkspace } from '../pairing/sharedWorkspace';

/** An agenda item named by a tree node, or by (notes repo root, item id) from a link or test. */
export async function findAgendaItem(directory: MentorshipDirectory, target: unknown, id?: unknown): Promise<{ relationship: Relationship; item: AgendaItem } | undefined> {
  if (target instanceof AgendaItemNode) return { relationship: target.relationship, item: target.item };
  if (typeof target !== 'string' || typeof id !== 'string') return undefined;
  const relationship = await directory.relationshipAt(target);
  const item = relationship && (await relationship.agenda.load()).items.find((i) => i.id === id);
  return relationship && item ? { relationship, item } : undefined;
}

/**
 * Opens the item's code where it is now; when the repository is not on this machine or the
 * code is gone, opens the captured snippet read-only instead (never a wrong place).
 */
export async function openAgendaItem(locator: AnchorLocator, relationship: Relationship, item: AgendaItem): Promise<vscode.TextEditor> {
  const where = await locator.locate(item);
  if (where.kind === 'here' && where.location.status !== 'gone' && where.location.range) {
    const { startLine, endLine } = where.location.range;
    const document = await vscode.workspace.openTextDocument(where.uri);
    const selection = new vscode.Range(startLine, 0, endLine, document.lineAt(Math.min(endLine, document.lineCount - 1)).text.length);
    return vscode.window.showTextDocument(document, { selection, preview: true });
  }
  // A Live Share guest: the host's copy of the code, when the shared workspace has it.
  const shared = await openInSharedWorkspace(item);
  if (shared) return shared;
  const document = await vscode.workspace.openTextDocument(snippetUri(relationship.root, item.id, path.basename(item.anchor.path) || 'snippet'));
  const language = item.anchor.language && (await vscode.languages.getLanguages()).includes(item.anchor.language) ? item.anchor.language : undefined;
  const shown = language ? await vscode.languages.setTextDocumentLanguage(document, language) : document;
  return vscode.window.showTextDocument(shown, { preview: true });
}

export async function setAgendaStatus(relationship: Relationship, item: AgendaItem, status: AgendaStatus): Promise<void> {
  const verb = status === 'discussed' ? 'Mark discussed' : status === 'resolved' ? 'Resolve' : 'Reopen';
  await relationship.agenda.update({ ...item, status }, `${verb}: ${questionTitle(item.question, 60)}`);
}

export async function editQuestion(relationship: Relationship, item: AgendaItem, given?: string): Promise<void> {
  const question =
    given ??
    (await askQuestion(`Edit the Question on ${item.anchor.path}:${item.anchor.range.startLine + 1}`, { value: item.question }));
  if (!question || question === item.question) return;
  await relationship.agenda.update({ ...item, question }, `Edit question: ${questionTitle(question, 60)}`);
}

/** Removes the file as a commit; git history keeps it recoverable, and the message says how. */
export async function removeAgendaItem(relationship: Relationship, item: AgendaItem, confirmed = false): Promise<boolean> {
  if (!confirmed) {
    const choice = await vscode.window.showWarningMessage(
      `Remove "${questionTitle(item.question, 60)}" from the agenda?`,
      { modal: true, detail: 'The item stays in the notes repo\'s git history and can be recovered from there.' },
      'Remove',
    );
    if (choice !== 'Remove') return false;
  }
  await relationship.agenda.remove(item);
  return true;
}
