import * as path from 'node:path';
import { parseAsyncUpdate, renderAsyncUpdate, updateFileName, UPDATES_FOLDER, type AsyncUpdate } from '../core/asyncUpdate';
import type { FrontMatterProblem } from '../core/frontMatter';
import { newNoteId } from '../core/ids';
import type { SessionFacts } from '../core/sessionFacts';
import {
  parseSession,
  renderSessionTemplate,
  sessionFileName,
  setActionItemDone,
  FOLLOW_UPS_SECTION,
  setSessionField,
  SESSIONS_FOLDER,
  type ActionItem,
  type DiscussedItem,
  type FollowUp,
  type SessionRecord,
} from '../core/sessionRecord';
import { CONFLICTS_FOLDER, type NotesRepo } from './notesRepo';

/** A session file that parsed: where it is and what it says. */
export interface SessionEntry {
  /** Relative to the notes repo root, e.g. `sessions/2026-11-02-b7d3n9p5.md`. */
  readonly file: string;
  readonly session: SessionRecord;
}

export interface UpdateEntry {
  readonly file: string;
  readonly update: AsyncUpdate;
}

/** A file that could not be read: listed with the reason, never rewritten. */
export interface NoteProblem {
  readonly file: string;
  readonly problem: FrontMatterProblem;
}

export interface SessionsSnapshot {
  /** Oldest first (file names start with the date). */
  readonly sessions: readonly SessionEntry[];
  readonly updates: readonly UpdateEntry[];
  readonly problems: readonly NoteProblem[];
  /** The other side's versions kept by a sync, under `conflicts/`. */
  readonly conflictCopies: readonly string[];
}

/** An action item not yet done, with the session it came from. */
export interface OpenActionItem {
  readonly entry: SessionEntry;
  readonly action: ActionItem;
}

/** Sessions and async updates of one relationship, read once per change. */
export class SessionStore {
  private snapshot: Promise<SessionsSnapshot> | undefined;

  constructor(private readonly repo: NotesRepo) {
    repo.onDidCommit(() => this.invalidate());
  }

  invalidate(): void {
    this.snapshot = undefined;
  }

  load(): Promise<SessionsSnapshot> {
    this.snapshot ??= this.read().catch((error: unknown) => {
      this.snapshot = undefined;
      throw error;
    });
    return this.snapshot;
  }

  /** Open action items of all sessions, newest session first, in file order within one. */
  async openActionItems(): Promise<OpenActionItem[]> {
    const { sessions } = await this.load();
    // A Follow-ups checkbox mirrors an earlier session's item; the original is the one open.
    return [...sessions]
      .reverse()
      .flatMap((entry) => entry.session.actionItems.filter((action) => !action.done && action.text.length > 0 && action.section !== FOLLOW_UPS_SECTION).map((action) => ({ entry, action })));
  }

  /** Writes a new session file from the template and commits it; returns its relative path. */
  async create(facts: SessionFacts, discussed: readonly DiscussedItem[]): Promise<string> {
    const followUps: FollowUp[] = (await this.openActionItems()).map(({ entry, action }) => ({ sessionDate: entry.session.date, text: action.text }));
    const file = sessionFileName(facts.date, newNoteId());
    await this.repo.commitFiles([{ path: file, content: renderSessionTemplate(facts, followUps, discussed) }], `Record takeaways: session on ${facts.date}`);
    return file;
  }

  /**
   * Checks off (or reopens) one action item in place. The file is read again first: when the
   * line no longer holds that item (edited since), nothing is written and the caller is told.
   */
  async setActionItemDone(file: string, action: ActionItem, done: boolean): Promise<void> {
    try {
      await this.repo.editFile(
        file,
        (text) => setActionItemDone(text, action.line, done, action.text),
        `${done ? 'Done' : 'Reopen'}: ${action.text.slice(0, 60)}`,
        `"${action.text}" is no longer on line ${action.line + 1} of ${file}: the file changed. The view has been refreshed; try again.`,
      );
    } finally {
      this.invalidate();
    }
  }

  /** Stores the mentee's (`rating`) or the mentor's (`mentor_rating`) 1–5 answer, changing that one line. */
  async rate(file: string, key: 'rating' | 'mentor_rating', rating: number): Promise<void> {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new Error('A rating is a whole number from 1 to 5.');
    await this.repo.editFile(
      file,
      (text) => setSessionField(text, key, rating),
      `Rate session ${path.posix.basename(file, '.md')}: ${rating}/5${key === 'mentor_rating' ? ' (mentor)' : ''}`,
      `${file} cannot be read (its front matter is broken), so the rating was not saved. Fix the file and rate again.`,
    );
  }

  /** Posts an async update as one commit; returns its relative path. */
  async postUpdate(update: AsyncUpdate): Promise<string> {
    const file = updateFileName(update.date, newNoteId());
    await this.repo.commitFiles([{ path: file, content: renderAsyncUpdate(update) }], `Post an update: ${update.date}`);
    return file;
  }

  private async read(): Promise<SessionsSnapshot> {
    const [sessionFiles, updateFiles, conflictCopies] = await Promise.all([
      this.repo.listNotes(SESSIONS_FOLDER),
      this.repo.listNotes(UPDATES_FOLDER),
      this.repo.listNotes(`conflicts/${SESSIONS_FOLDER}`).then(async (s) => [...s, ...(await this.repo.listNotes(`conflicts/${UPDATES_FOLDER}`)), ...(await this.repo.listNotes('conflicts/agenda'))]),
    ]);
    const [sessionTexts, updateTexts] = await Promise.all([this.repo.readFiles(sessionFiles), this.repo.readFiles(updateFiles)]);
    const sessions: SessionEntry[] = [];
    const updates: UpdateEntry[] = [];
    const problems: NoteProblem[] = [];
    sessionFiles.forEach((file, index) => {
      const parsed = parseSession(sessionTexts[index] ?? '');
      if (parsed.ok) sessions.push({ file, session: parsed.session });
      else problems.push({ file, problem: parsed.problem });
    });
    updateFiles.forEach((file, index) => {
      const parsed = parseAsyncUpdate(updateTexts[index] ?? '');
      if (parsed.ok) updates.push({ file, update: parsed.update });
      else problems.push({ file, problem: parsed.problem });
    });
    for (const link of await this.repo.linkProblems([SESSIONS_FOLDER, UPDATES_FOLDER, CONFLICTS_FOLDER, `${CONFLICTS_FOLDER}/${SESSIONS_FOLDER}`, `${CONFLICTS_FOLDER}/${UPDATES_FOLDER}`, `${CONFLICTS_FOLDER}/agenda`])) {
      problems.push({ file: link.file, problem: { reason: link.reason, line: 1 } });
    }
    return { sessions, updates, problems, conflictCopies };
  }
}
