import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnchorLocator, ItemLocation } from '../anchors/anchorLocator';
import type { AgendaItem } from '../core/agendaItem';
import { renderSnippetDocument } from '../core/snippetDocument';
import { COMMENT_CONTROLLER } from '../constants';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import { readyAgreement, type Relationship } from '../notes/relationship';
import type { ItemReplies } from '../notes/replyStore';
import { snippetUri } from '../views/snippetProvider';
import { personName, threadComments, type ThreadPeople } from './threadComments';
import type { UnreadReplies } from './unreadReplies';

/** Where a thread sits: on the code in this workspace, or on the captured snippet. */
export type ThreadPlacement = 'code' | 'snippet' | 'gone';

/** One agenda item's thread and what it was built from. */
export interface AgendaThread {
  readonly relationship: Relationship;
  item: AgendaItem;
  replies: ItemReplies;
  placement: ThreadPlacement;
  readonly thread: vscode.CommentThread;
  signature: string;
  /** A reply of this thread is being edited: its comments are not rebuilt meanwhile. */
  editing: boolean;
}

/**
 * Every agenda item as a comment thread (the Comments API) at its current location: on the
 * file when the repository is on this machine, following unsaved edits like the gutter
 * markers; on the read-only snippet document when it is not, or when the code is gone.
 * While this window hosts a pairing session there are no threads (notes stay unshared).
 */
export class AgendaThreads implements vscode.Disposable {
  readonly controller: vscode.CommentController;
  private readonly threads = new Map<string, AgendaThread>();
  private readonly byThread = new WeakMap<vscode.CommentThread, AgendaThread>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  private readonly updated = new vscode.EventEmitter<void>();
  /** The threads were brought up to date (tests wait for it). */
  readonly onDidUpdate = this.updated.event;

  constructor(
    private readonly directory: MentorshipDirectory,
    private readonly locator: AnchorLocator,
    private readonly unread: UnreadReplies,
    private readonly isHosting: () => boolean,
    private readonly report: (error: unknown) => void,
  ) {
    this.controller = vscode.comments.createCommentController(COMMENT_CONTROLLER, 'Mentorship agenda');
    this.controller.options = { prompt: 'Reply…', placeHolder: 'Reply with markdown; a ```suggestion block proposes new code for these lines.' };
    // Replies go into existing threads only: the ranges are the items' own lines.
    this.controller.commentingRangeProvider = {
      provideCommentingRanges: (document) =>
        [...this.threads.values()].filter((t) => t.thread.range && t.thread.uri.toString() === document.uri.toString()).map((t) => t.thread.range!),
    };
    const soon = (): void => this.schedule();
    this.subscriptions.push(
      this.controller,
      this.updated,
      directory.onDidChange(soon),
      unread.onDidChange(soon),
      vscode.workspace.onDidOpenTextDocument(soon),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.hasThreadOn(event.document.uri)) this.schedule(150);
      }),
      // Loads the notes like the gutter markers do: once an editor shows (activation stays I/O-free).
      vscode.window.onDidChangeVisibleTextEditors(() => {
        this.markShownRead();
        this.schedule();
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges(() => this.markShownRead()),
    );
  }

  /** The thread of an agenda item, if it has one now. */
  threadOf(root: string, itemId: string): AgendaThread | undefined {
    return this.threads.get(key(root, itemId));
  }

  /** The agenda thread a workbench thread object belongs to. */
  entryOf(thread: vscode.CommentThread): AgendaThread | undefined {
    return this.byThread.get(thread);
  }

  all(): readonly AgendaThread[] {
    return [...this.threads.values()];
  }

  schedule(delay = 50): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, delay);
  }

  /** Brings every thread up to date now (after the update already running, if any). */
  update(): Promise<void> {
    this.running = this.running.then(() => this.rebuild()).catch((error: unknown) => this.report(error));
    return this.running;
  }

  private async rebuild(): Promise<void> {
    const hosting = this.isHosting();
    const read: { relationship: Relationship; people: ThreadPeople; items: readonly AgendaItem[]; replies: Map<string, ItemReplies>; locations: readonly ItemLocation[] }[] = [];
    for (const relationship of await this.directory.relationships()) {
      const agreement = readyAgreement(relationship);
      if (!agreement) continue;
      const people: ThreadPeople = { myEmail: (await relationship.repo.identity()).email, agreement };
      const items = (await relationship.agenda.load()).items;
      const [replies, locations] = await Promise.all([relationship.replies.of(items), hosting ? Promise.resolve([]) : this.locator.locateAll(items)]);
      read.push({ relationship, people, items, replies, locations });
    }
    // Unread counts first: the thread labels show them.
    await this.unread.observe(
      read.map(({ relationship, people, items, replies }) => ({
        root: relationship.root,
        myEmail: people.myEmail,
        items: items.map((item) => {
          const answers = replies.get(item.id)?.replies ?? [];
          return { item, replies: answers, names: new Map(answers.map((r) => [r.id, r.authorName !== r.author ? r.authorName : personName(r.author, people)])) };
        }),
      })),
    );
    const wanted = new Set<string>();
    if (!hosting) {
      for (const { relationship, people, items, replies, locations } of read) {
        for (const [index, item] of items.entries()) {
          wanted.add(key(relationship.root, item.id));
          this.place(relationship, item, replies.get(item.id) ?? { replies: [], problems: [] }, locations[index] ?? { kind: 'elsewhere' }, people);
        }
      }
    }
    for (const [k, entry] of this.threads) {
      if (wanted.has(k)) continue;
      entry.thread.dispose();
      this.threads.delete(k);
    }
    this.markShownRead();
    this.updated.fire();
  }

  /** Creates or updates the item's thread where its code is now. */
  private place(relationship: Relationship, item: AgendaItem, replies: ItemReplies, where: ItemLocation, people: ThreadPeople): void {
    const target = this.targetOf(relationship, item, where);
    const k = key(relationship.root, item.id);
    let entry = this.threads.get(k);
    if (entry && entry.thread.uri.toString() !== target.uri.toString()) {
      entry.thread.dispose();
      this.threads.delete(k);
      entry = undefined;
    }
    const unread = this.unread.unreadFor(relationship.root, item.id);
    const signature = JSON.stringify([item, replies.replies, replies.problems, people.myEmail, target.placement, unread]);
    if (!entry) {
      const thread = this.controller.createCommentThread(target.uri, target.range, []);
      thread.canReply = true;
      entry = { relationship, item, replies, placement: target.placement, thread, signature: '', editing: false };
      this.threads.set(k, entry);
      this.byThread.set(thread, entry);
      thread.collapsibleState = item.status === 'resolved' ? vscode.CommentThreadCollapsibleState.Collapsed : vscode.CommentThreadCollapsibleState.Expanded;
    } else if (entry.item.status !== item.status) {
      // Resolving collapses the thread; reopening shows it again, as in a pull request.
      entry.thread.collapsibleState = item.status === 'resolved' ? vscode.CommentThreadCollapsibleState.Collapsed : vscode.CommentThreadCollapsibleState.Expanded;
    }
    if (!sameRange(entry.thread.range, target.range)) entry.thread.range = target.range;
    entry.item = item;
    entry.replies = replies;
    entry.placement = target.placement;
    if (entry.signature === signature || entry.editing) return;
    entry.signature = signature;
    const thread = entry.thread;
    thread.comments = threadComments(relationship.root, item, replies.replies, replies.problems, people);
    thread.state = item.status === 'resolved' ? vscode.CommentThreadState.Resolved : vscode.CommentThreadState.Unresolved;
    thread.contextValue = `agendaThread:${item.status}${target.placement === 'code' ? '' : `:${target.placement}`}`;
    thread.label = threadLabel(item, target.placement, unread);
    if (unread > 0 && item.status !== 'resolved') thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
  }

  private targetOf(relationship: Relationship, item: AgendaItem, where: ItemLocation): { uri: vscode.Uri; range: vscode.Range; placement: ThreadPlacement } {
    if (where.kind === 'here' && where.location.status !== 'gone' && where.location.range) {
      // An open document may hold edits not saved yet: its live text says where the code is now.
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === where.uri.toString());
      const live = open ? this.locator.locateInDocument(item, open, path.relative(where.root, where.uri.fsPath).split(path.sep).join('/')) : where.location;
      const range = live.status !== 'gone' ? live.range : undefined;
      if (range) return { uri: where.uri, range: new vscode.Range(range.startLine, 0, range.endLine, 0), placement: 'code' };
    }
    const uri = snippetUri(relationship.root, item.id, path.basename(item.anchor.path) || 'snippet');
    const text = renderSnippetDocument(item);
    // The snippet is the document's last block: count the lines above it.
    const before = text.slice(0, Math.max(0, text.length - item.anchor.snippet.length - 1)).split('\n').length - 1;
    const lines = Math.max(1, item.anchor.snippet.replace(/\n$/, '').split('\n').length);
    return { uri, range: new vscode.Range(before, 0, before + lines - 1, 0), placement: where.kind === 'here' ? 'gone' : 'snippet' };
  }

  private hasThreadOn(uri: vscode.Uri): boolean {
    const text = uri.toString();
    for (const entry of this.threads.values()) if (entry.thread.uri.toString() === text) return true;
    return false;
  }

  /** A thread on screen has been seen: its replies stop counting as unread. */
  private markShownRead(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const uri = editor.document.uri.toString();
      for (const entry of this.threads.values()) {
        const range = entry.thread.range;
        if (entry.thread.uri.toString() !== uri || !range) continue;
        if (this.unread.unreadFor(entry.relationship.root, entry.item.id) === 0) continue;
        if (!editor.visibleRanges.some((visible) => visible.intersection(range) !== undefined)) continue;
        void this.unread.markRead(entry.relationship.root, entry.item.id).catch(this.report);
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const entry of this.threads.values()) entry.thread.dispose();
    this.threads.clear();
    this.subscriptions.forEach((s) => s.dispose());
  }
}

function key(root: string, itemId: string): string {
  return `${root}\0${itemId}`;
}

function sameRange(a: vscode.Range | undefined, b: vscode.Range): boolean {
  return a !== undefined && a.isEqual(b);
}

function threadLabel(item: AgendaItem, placement: ThreadPlacement, unread: number): string {
  const status = item.status === 'open' ? 'Open' : item.status === 'discussed' ? 'Discussed' : 'Resolved';
  const where =
    placement === 'gone'
      ? ` · the code is gone from ${item.anchor.path}: this is the captured snippet`
      : placement === 'snippet'
        ? ' · captured snippet (the code is not on this machine)'
        : '';
  const news = unread > 0 ? ` · ${unread} unread repl${unread === 1 ? 'y' : 'ies'}` : '';
  return `Agenda item · ${status}${where}${news}`;
}
