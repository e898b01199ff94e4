import * as path from 'node:path';
import {
  AGENDA_FOLDER,
  AGENDA_ORDER_FILE,
  agendaItemPath,
  orderAgenda,
  parseAgendaItem,
  parseAgendaOrder,
  questionTitle,
  renderAgendaItem,
  renderAgendaOrder,
  type AgendaItem,
} from '../core/agendaItem';
import type { FrontMatterProblem } from '../core/frontMatter';
import { AgendaCache } from './agendaCache';
import type { NotesRepo } from './notesRepo';

/** An agenda file that could not be read: shown under "Needs attention", never rewritten. */
export interface AgendaProblem {
  readonly file: string;
  readonly problem: FrontMatterProblem;
}

export interface AgendaSnapshot {
  /** Valid items in the saved sync order. */
  readonly items: readonly AgendaItem[];
  readonly problems: readonly AgendaProblem[];
  readonly order: readonly string[];
}

/** The agenda of one relationship: `agenda/<id>.md` files and their order for the sync. */
export class AgendaStore {
  private readonly cache: AgendaCache;

  constructor(private readonly repo: NotesRepo) {
    this.cache = new AgendaCache(repo.root);
    repo.onDidCommit(() => this.invalidate());
  }

  private snapshot: Promise<AgendaSnapshot> | undefined;
  /** Each item's file and the item as last read: edits go to that file and refuse when it changed since. */
  private readonly seen = new Map<string, { file: string; item: AgendaItem }>();

  /**
   * The agenda as on disk. The views, the badge and the gutter markers all ask for it after
   * every change, so it is read once and kept until the next commit, pull or refresh.
   */
  load(): Promise<AgendaSnapshot> {
    this.snapshot ??= this.read().catch((error: unknown) => {
      this.snapshot = undefined;
      throw error;
    });
    return this.snapshot;
  }

  /** Forget the kept snapshot (files changed: a commit, a pull, a hand edit). */
  invalidate(): void {
    this.snapshot = undefined;
  }

  private async read(): Promise<AgendaSnapshot> {
    const files = await this.repo.listNotes(AGENDA_FOLDER);
    const stamps = await this.cache.stamps(files);
    // Only files that changed since the last read are parsed; the rest come from the cache.
    const cached = files.map((relative, index) => this.cache.lookup(relative, stamps[index]));
    const toParse = files.filter((_, index) => !cached[index]);
    const readIndex = new Map(toParse.map((relative, index) => [relative, index]));
    const read = await this.repo.readFiles(toParse);
    const items: AgendaItem[] = [];
    const problems: AgendaProblem[] = [];
    const seen = new Map<string, { file: string; item: AgendaItem }>();
    // An item whose id is already taken by another file (a hand copy): listed, never edited.
    const keep = (relative: string, item: AgendaItem): boolean => {
      const other = seen.get(item.id);
      if (other) {
        problems.push({ file: path.join(this.repo.root, relative), problem: { reason: `its id "${item.id}" is also the id of ${other.file}`, line: 2 } });
        return false;
      }
      seen.set(item.id, { file: relative, item });
      return true;
    };
    const parsedNow = new Map<string, { stamp: NonNullable<(typeof stamps)[number]>; item: AgendaItem }>();
    files.forEach((relative, index) => {
      const fromCache = cached[index];
      if (fromCache) {
        if (keep(relative, fromCache)) items.push(fromCache);
        parsedNow.set(relative, { stamp: stamps[index]!, item: fromCache });
        return;
      }
      const parsed = parseAgendaItem(read[readIndex.get(relative) ?? -1] ?? '');
      const stamp = stamps[index];
      if (parsed.ok) {
        if (keep(relative, parsed.item)) items.push(parsed.item);
        if (stamp) parsedNow.set(relative, { stamp, item: parsed.item });
      } else {
        problems.push({ file: path.join(this.repo.root, relative), problem: parsed.problem });
      }
    });
    this.cache.store(parsedNow);
    for (const link of await this.repo.linkProblems([AGENDA_FOLDER])) {
      problems.push({ file: path.join(this.repo.root, link.file), problem: { reason: link.reason, line: 1 } });
    }
    this.seen.clear();
    for (const [id, entry] of seen) this.seen.set(id, entry);
    const order = parseAgendaOrder(await this.repo.readFile(AGENDA_ORDER_FILE));
    return { items: orderAgenda(items, order), problems, order };
  }

  /** Adds a flagged item as one commit. Ids are random, so two windows never collide. */
  add(item: AgendaItem): Promise<string> {
    return this.repo.commitFiles([{ path: agendaItemPath(item.id), content: renderAgendaItem(item) }], `Flag for next sync: ${questionTitle(item.question, 60)}`);
  }

  /**
   * Saves a changed item into the file it was read from, as that file is at write time: when
   * the other person changed the item since it was shown, nothing is written and the caller is
   * told (their edit is never silently reverted).
   */
  update(item: AgendaItem, message: string): Promise<string> {
    const known = this.seen.get(item.id);
    const file = known?.file ?? agendaItemPath(item.id);
    return this.repo.editFile(
      file,
      (text) => {
        const current = parseAgendaItem(text);
        if (!current.ok || current.item.id !== item.id) return undefined;
        if (known && JSON.stringify(current.item) !== JSON.stringify(known.item)) return undefined;
        return renderAgendaItem(item);
      },
      message,
      `"${questionTitle(item.question, 60)}" was changed (by the other person or in another window) since it was shown, so your change was not saved. The agenda has been refreshed; try again.`,
    ).finally(() => this.invalidate());
  }

  remove(item: AgendaItem): Promise<string> {
    return this.repo.removeFiles([this.seen.get(item.id)?.file ?? agendaItemPath(item.id)], `Remove agenda item: ${questionTitle(item.question, 60)}`);
  }

  saveOrder(order: readonly string[]): Promise<string> {
    return this.repo.commitFiles([{ path: AGENDA_ORDER_FILE, content: renderAgendaOrder(order) }], 'Reorder the agenda for the next sync');
  }

  fileOf(item: AgendaItem): string {
    return path.join(this.repo.root, this.seen.get(item.id)?.file ?? agendaItemPath(item.id));
  }
}
