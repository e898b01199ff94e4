import * as vscode from 'vscode';
import { questionTitle, type AgendaStatus } from '../core/agendaItem';
import { newReplyId, type AgendaReply } from '../core/agendaReply';
import { newNoteId } from '../core/ids';
import { describeFindings, redactSecrets } from '../core/secretScan';
import { sameCode, suggestedChanges } from '../core/suggestedChange';
import { COMMANDS } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { AgendaThread, AgendaThreads } from './agendaThreads';
import { AgendaComment } from './threadComments';
import type { UnreadReplies } from './unreadReplies';

type Register = <A extends unknown[]>(id: string, handler: (...args: A) => Promise<unknown>) => vscode.Disposable;

/**
 * What the thread's buttons do: reply, edit or delete one's own reply, apply a suggested
 * change, and move the item between open, discussed and resolved. Each write is one commit.
 */
export function registerThreadCommands(register: Register, directory: MentorshipDirectory, threads: AgendaThreads, unread: UnreadReplies): vscode.Disposable[] {
  const entryOf = (thread: unknown): AgendaThread => {
    const entry = thread && typeof thread === 'object' ? threads.entryOf(thread as vscode.CommentThread) : undefined;
    if (!entry) throw new Error('This comment thread is not an agenda item. To put code on the agenda, select it and run "Mentorship: Flag for Next Sync".');
    return entry;
  };
  const commentEntry = (comment: unknown): { comment: AgendaComment; entry: AgendaThread; reply: AgendaReply } => {
    if (!(comment instanceof AgendaComment) || !comment.reply) throw new Error('That comment is not a reply in an agenda thread.');
    const entry = threads.threadOf(comment.root, comment.itemId);
    if (!entry) throw new Error('That agenda item is no longer in the notes repo.');
    return { comment, entry, reply: comment.reply };
  };
  const setStatus = async (thread: unknown, status: AgendaStatus): Promise<void> => {
    const { relationship, item } = entryOf(thread);
    const verb = status === 'discussed' ? 'Mark discussed' : status === 'resolved' ? 'Resolve' : 'Reopen';
    await relationship.agenda.update({ ...item, status }, `${verb}: ${questionTitle(item.question, 60)}`);
    await unread.markRead(relationship.root, item.id);
    await directory.refresh();
    await threads.update();
  };

  return [
    register(COMMANDS.replyToAgendaItem, async (reply: vscode.CommentReply) => {
      if (!reply || typeof reply !== 'object' || typeof reply.text !== 'string') throw new Error('Write the reply in the thread\'s reply box first.');
      const entry = threads.entryOf(reply.thread);
      if (!entry) {
        // A new thread started from the gutter: agenda items start with Flag for Next Sync.
        reply.thread.dispose();
        entryOf(undefined);
      }
      const { relationship, item } = entry!;
      const text = reply.text.trim();
      if (!text) {
        void vscode.window.showInformationMessage('The reply is empty: nothing was written.');
        return undefined;
      }
      const identity = await relationship.repo.identity();
      if (!identity.email) throw new Error(`The notes repo at ${relationship.root} has no git identity (user.email), so a reply could not say who wrote it. Set it with "git config user.email" in that folder.`);
      const redacted = redactSecrets(text);
      const now = new Date();
      const written: AgendaReply = {
        id: newReplyId(now, identity.email, newNoteId(6)),
        item: item.id,
        author: identity.email,
        authorName: identity.name || identity.email,
        created: now.toISOString(),
        body: redacted.text,
      };
      await relationship.replies.add(item, written);
      if (redacted.findings.length > 0) void vscode.window.showWarningMessage(`${describeFindings(redacted.findings)} The reply was saved without them.`);
      await unread.markOwn(relationship.root, written.id);
      await unread.markRead(relationship.root, item.id);
      await directory.refresh();
      await threads.update();
      return relationship.replies.fileOf(item.id, written.id);
    }),
    register(COMMANDS.editAgendaReply, async (comment: unknown) => {
      const { entry, comment: target } = commentEntry(comment);
      entry.editing = true;
      target.body = target.reply?.body ?? '';
      target.mode = vscode.CommentMode.Editing;
      entry.thread.comments = [...entry.thread.comments];
    }),
    register(COMMANDS.cancelAgendaReplyEdit, async (comment: unknown) => {
      const { entry, comment: target } = commentEntry(comment);
      target.mode = vscode.CommentMode.Preview;
      target.body = target.shownBody;
      entry.editing = false;
      entry.signature = '';
      await threads.update();
    }),
    register(COMMANDS.saveAgendaReply, async (comment: unknown, given?: string) => {
      const { entry, comment: target, reply } = commentEntry(comment);
      const body = (given ?? (typeof target.body === 'string' ? target.body : target.body.value)).trim();
      if (!body) throw new Error('A reply cannot be empty. To take it back, delete it instead.');
      const redacted = redactSecrets(body);
      entry.editing = false;
      entry.signature = '';
      if (redacted.text !== reply.body) await entry.relationship.replies.edit(entry.item, reply, redacted.text, new Date());
      if (redacted.findings.length > 0) void vscode.window.showWarningMessage(`${describeFindings(redacted.findings)} The reply was saved without them.`);
      await directory.refresh();
      await threads.update();
    }),
    register(COMMANDS.deleteAgendaReply, async (comment: unknown, confirmed?: boolean) => {
      const { entry, reply } = commentEntry(comment);
      if (confirmed !== true) {
        const choice = await vscode.window.showWarningMessage('Delete your reply?', { modal: true, detail: 'It stays in the notes repo\'s git history and can be recovered from there.' }, 'Delete');
        if (choice !== 'Delete') return false;
      }
      await entry.relationship.replies.remove(entry.item, reply);
      await directory.refresh();
      await threads.update();
      return true;
    }),
    register(COMMANDS.applySuggestedChange, async (comment: unknown) => applySuggestion(threads, commentEntry(comment))),
    register(COMMANDS.markThreadDiscussed, (thread: unknown) => setStatus(thread, 'discussed')),
    register(COMMANDS.resolveThread, (thread: unknown) => setStatus(thread, 'resolved')),
    register(COMMANDS.reopenThread, (thread: unknown) => setStatus(thread, 'open')),
  ];
}

/**
 * Replaces the item's lines with the reply's suggested code as one ordinary edit (Undo takes
 * it back), only while those lines are still the code the question was asked about.
 */
async function applySuggestion(threads: AgendaThreads, { entry, reply }: { entry: AgendaThread; reply: AgendaReply }): Promise<boolean> {
  await threads.update();
  const current = threads.threadOf(entry.relationship.root, entry.item.id) ?? entry;
  const suggestion = suggestedChanges(reply.body)[0];
  if (!suggestion) throw new Error('This reply has no ```suggestion block to apply.');
  const range = current.thread.range;
  if (current.placement !== 'code' || !range) {
    throw new Error(
      current.placement === 'gone'
        ? `The code of this agenda item is gone from ${current.item.anchor.path}, so the suggestion was not applied. Copy it from the reply instead.`
        : 'The code of this agenda item is not on this machine (the thread is on the captured snippet), so the suggestion cannot be applied here.',
    );
  }
  const document = await vscode.workspace.openTextDocument(current.thread.uri);
  const lines = new vscode.Range(range.start.line, 0, range.end.line, document.lineAt(Math.min(range.end.line, document.lineCount - 1)).text.length);
  if (!sameCode(document.getText(lines), current.item.anchor.snippet)) {
    throw new Error(
      `The code at ${current.item.anchor.path}:${range.start.line + 1}–${range.end.line + 1} changed since the question was asked, so the suggestion was not applied (it might no longer fit). Copy it from the reply instead.`,
    );
  }
  const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
  const applied = await editor.edit((edit) => edit.replace(lines, suggestion.code.replace(/\n$/, '')));
  if (!applied) throw new Error('The editor refused the edit (is the file read-only?). Nothing was changed.');
  const count = suggestedChanges(reply.body).length;
  void vscode.window.showInformationMessage(
    `Applied the suggested change to ${current.item.anchor.path}${count > 1 ? ` (the first of ${count} suggestions)` : ''}. Undo takes it back; save to keep it.`,
  );
  return true;
}
