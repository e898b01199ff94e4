import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseAsyncUpdate, renderAsyncUpdate, updateFileName, UPDATES_FOLDER, type AsyncUpdate } from '../core/asyncUpdate';
import { newNoteId } from '../core/ids';
import { parseProgramSummary, SUMMARIES_FOLDER, type ProgramSummary } from '../core/programSummary';
import type { GitOptions } from '../notes/git';
import { NotesRepo, type SyncOutcome } from '../notes/notesRepo';

/** What the program repo holds, as read: trusted summaries, refused files (with why), updates. */
export interface ProgramSnapshot {
  readonly summaries: readonly { readonly file: string; readonly summary: ProgramSummary }[];
  /** Files that are not a valid summary or update: listed, never trusted. */
  readonly malformed: readonly { readonly file: string; readonly reason: string }[];
  /** Newest first. */
  readonly updates: readonly { readonly file: string; readonly update: AsyncUpdate }[];
  /** The program's async office-hours day (`office_hours` in `program.md`), if set. */
  readonly officeHours?: string;
}

export const PROGRAM_FILE = 'program.md';
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
// A summary is a few hundred bytes; anything far larger is not one (and is not read whole).
const SUMMARY_BYTES_LIMIT = 16_384;

/**
 * The champion's program repo: another private git repository, written through the same
 * serialized git wrapper as the notes (one commit per change, pull --rebase, never force).
 */
export class ProgramRepo {
  private constructor(readonly repo: NotesRepo) {}

  static async open(root: string, git: GitOptions): Promise<ProgramRepo> {
    return new ProgramRepo(await NotesRepo.openOrCreate(root, git));
  }

  get root(): string {
    return this.repo.root;
  }

  async read(): Promise<ProgramSnapshot> {
    const [summaryFiles, updateFiles, programText] = await Promise.all([this.list(SUMMARIES_FOLDER, '.json'), this.list(UPDATES_FOLDER, '.md'), this.repo.readFile(PROGRAM_FILE)]);
    const summaries: { file: string; summary: ProgramSummary }[] = [];
    const malformed: { file: string; reason: string }[] = [];
    const sizes = await Promise.all(summaryFiles.map((file) => fs.lstat(path.join(this.root, file)).then((s) => (s.isFile() ? s.size : -1), () => -1)));
    const readable = summaryFiles.filter((file, i) => {
      const size = sizes[i] ?? -1;
      if (size < 0) malformed.push({ file, reason: 'not a regular file' });
      else if (size > SUMMARY_BYTES_LIMIT) malformed.push({ file, reason: `too large for a summary (${size} bytes)` });
      return size >= 0 && size <= SUMMARY_BYTES_LIMIT;
    });
    const texts = await this.repo.readFiles(readable);
    readable.forEach((file, i) => {
      const parsed = parseProgramSummary(texts[i] ?? '');
      if (parsed.ok) summaries.push({ file, summary: parsed.summary });
      else malformed.push({ file, reason: parsed.reason });
    });
    const updateTexts = await this.repo.readFiles(updateFiles);
    const updates: { file: string; update: AsyncUpdate }[] = [];
    updateFiles.forEach((file, i) => {
      const parsed = parseAsyncUpdate(updateTexts[i] ?? '');
      if (parsed.ok) updates.push({ file, update: parsed.update });
      else malformed.push({ file, reason: `line ${parsed.problem.line}: ${parsed.problem.reason}` });
    });
    updates.sort((a, b) => b.update.date.localeCompare(a.update.date) || b.file.localeCompare(a.file));
    const officeHours = /^office_hours:\s*["']?([a-z]+)["']?\s*$/im.exec(programText ?? '')?.[1]?.toLowerCase();
    return { summaries, malformed, updates, officeHours: (WEEKDAYS as readonly string[]).includes(officeHours ?? '') ? officeHours : undefined };
  }

  async hasSummary(file: string): Promise<boolean> {
    return (await this.repo.readFile(file)) !== undefined;
  }

  /** Commits the summary exactly as it was shown to the person. */
  async publish(file: string, content: string): Promise<void> {
    await this.repo.commitFiles([{ path: file, content }], `Publish summary: ${path.posix.basename(file, '.json')}`);
  }

  async withdraw(file: string): Promise<void> {
    await this.repo.removeFiles([file], `Withdraw summary: ${path.posix.basename(file, '.json')}`);
  }

  async postUpdate(update: AsyncUpdate): Promise<string> {
    const file = updateFileName(update.date, newNoteId());
    await this.repo.commitFiles([{ path: file, content: renderAsyncUpdate(update) }], `Post a program update: ${update.date}`);
    return file;
  }

  /** Pulls and pushes when the program repo has a remote. */
  async sync(): Promise<SyncOutcome> {
    return this.repo.sync();
  }

  private async list(folder: string, extension: string): Promise<string[]> {
    try {
      const names = await fs.readdir(path.join(this.root, folder));
      return names.filter((name) => name.endsWith(extension)).sort().map((name) => `${folder}/${name}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}
