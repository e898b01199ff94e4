import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AGENDA_FOLDER, questionTitle, type AgendaItem } from '../core/agendaItem';
import { parseAgendaReply, renderAgendaReply, repliesFolder, replyPath, sortReplies, type AgendaReply } from '../core/agendaReply';
import type { FrontMatterProblem } from '../core/frontMatter';
import type { NotesRepo } from './notesRepo';

/** A reply file that could not be read: listed with the reason, never rewritten. */
export interface ReplyProblem {
  readonly item: string;
  readonly file: string;
  readonly problem: FrontMatterProblem;
}

/** The replies of one agenda item, oldest first, and the files that could not be read. */
export interface ItemReplies {
  readonly replies: readonly AgendaReply[];
  readonly problems: readonly ReplyProblem[];
}

const NONE: ItemReplies = { replies: [], problems: [] };

/**
 * The replies in agenda items' comment threads: `agenda/<id>/replies/*.md`, one file per
 * reply. Every write is one commit through the notes repo's queue, synced like every note.
 */
export class ReplyStore {
  private readonly kept = new Map<string, Promise<ItemReplies>>();
  private folders: Promise<Set<string>> | undefined;

  constructor(private readonly repo: NotesRepo) {
    repo.onDidCommit(() => this.invalidate());
  }

  /** Forget what was read (a commit, a pull, a refresh). */
  invalidate(): void {
    this.kept.clear();
    this.folders = undefined;
  }

  /**
   * The replies of each item, read once until the next commit or pull. One listing of
   * `agenda/` tells which items have replies at all, so a large agenda costs one read.
   */
  async of(items: readonly Pick<AgendaItem, 'id'>[]): Promise<Map<string, ItemReplies>> {
    this.folders ??= this.itemFolders().catch((error: unknown) => {
      this.folders = undefined;
      throw error;
    });
    const folders = await this.folders;
    const entries = await Promise.all(items.map(async (item) => [item.id, folders.has(item.id) ? await this.forItem(item.id) : NONE] as const));
    return new Map(entries);
  }

  /** Item ids with a folder under `agenda/` (links are not followed: a clone may be hostile). */
  private async itemFolders(): Promise<Set<string>> {
    try {
      const entries = await fs.readdir(path.join(this.repo.root, AGENDA_FOLDER), { withFileTypes: true });
      return new Set(entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
      throw error;
    }
  }

  forItem(itemId: string): Promise<ItemReplies> {
    let pending = this.kept.get(itemId);
    if (!pending) {
      pending = this.read(itemId).catch((error: unknown) => {
        this.kept.delete(itemId);
        throw error;
      });
      this.kept.set(itemId, pending);
    }
    return pending;
  }

  private async read(itemId: string): Promise<ItemReplies> {
    const files = await this.repo.listNotes(repliesFolder(itemId));
    if (files.length === 0) return NONE;
    const texts = await this.repo.readFiles(files);
    const replies: AgendaReply[] = [];
    const problems: ReplyProblem[] = [];
    files.forEach((relative, index) => {
      const parsed = parseAgendaReply(texts[index] ?? '', path.posix.basename(relative));
      const file = path.join(this.repo.root, relative);
      if (!parsed.ok) problems.push({ item: itemId, file, problem: parsed.problem });
      else if (parsed.reply.item !== itemId) problems.push({ item: itemId, file, problem: { reason: `"item" says ${parsed.reply.item}, but the file is in the replies of ${itemId}`, line: 2 } });
      else replies.push(parsed.reply);
    });
    return { replies: sortReplies(replies), problems };
  }

  /** Writes a new reply as one commit. */
  add(item: AgendaItem, reply: AgendaReply): Promise<string> {
    return this.repo.commitFiles([{ path: replyPath(item.id, reply.id), content: renderAgendaReply(reply) }], `Reply: ${questionTitle(item.question, 60)}`);
  }

  /** Rewrites one's own reply with a new body and an `edited` time, as one commit. */
  edit(item: AgendaItem, reply: AgendaReply, body: string, at: Date): Promise<string> {
    const edited: AgendaReply = { ...reply, body, edited: at.toISOString() };
    return this.repo.commitFiles([{ path: replyPath(item.id, reply.id), content: renderAgendaReply(edited) }], `Edit reply: ${questionTitle(item.question, 60)}`);
  }

  /** Deletes one's own reply as a commit removing its file (git history keeps it). */
  remove(item: AgendaItem, reply: AgendaReply): Promise<string> {
    return this.repo.removeFiles([replyPath(item.id, reply.id)], `Delete reply: ${questionTitle(item.question, 60)}`);
  }

  fileOf(itemId: string, replyId: string): string {
    return path.join(this.repo.root, replyPath(itemId, replyId));
  }
}
