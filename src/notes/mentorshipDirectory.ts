import * as path from 'node:path';
import { slugify } from '../core/ids';
import { notesLocationProblem } from '../core/notesLocation';
import { Debouncer, Emitter, type Disposable, type Event } from '../core/emitter';
import type { GitOptions } from './git';
import { NotesRepo, type KeptBoth } from './notesRepo';
import { Relationship, type UnusableNotesRepo } from './relationship';
import { SyncScheduler } from './syncScheduler';
import { pathExists, uniqueFolder } from './folders';

/** Where notes repos live, read from settings by the editor side. */
export interface NotesRepoLocations {
  /** The default repo: a configured path, else a folder in the extension's global storage. */
  readonly defaultRepo: string;
  /** A remote to connect to the default repo, if configured. */
  readonly defaultRemote?: string;
  /** Further relationships' repos (opened or cloned). */
  readonly additionalRepos: readonly string[];
  /** Where new relationships' repos are created. */
  readonly storageFolder: string;
  readonly workspaceFolders: readonly string[];
  readonly git: GitOptions;
  readonly autoSync: () => boolean;
}

/**
 * All of this user's mentorship relationships, one notes repo each. Loaded lazily, the first
 * time a view or command needs them, so activation stays free of I/O.
 *
 * State flows out by events: the set of relationships (loaded, reloaded), one relationship's
 * notes (a commit or a pull in its repo, debounced so a burst of commits is one change), and
 * one relationship's sync state. Views subscribe to what they show.
 */
export class MentorshipDirectory implements Disposable {
  private loaded: Promise<void> | undefined;
  private generation = 0;
  private disposed = false;
  private relationshipList: Relationship[] = [];
  private unusableList: UnusableNotesRepo[] = [];
  /** Per loaded relationship: what to dispose when it is unloaded. */
  private readonly wiring = new Map<Relationship, Disposable[]>();
  /** Agreement re-reads in flight after a commit or pull; readers wait for them. */
  private readonly rereads = new Map<Relationship, Promise<void>>();
  private readonly relationshipsChanged = new Emitter<void>();
  private readonly relationshipChanged = new Emitter<Relationship>();
  private readonly syncChanged = new Emitter<Relationship>();
  private readonly anyChanged = new Emitter<void>();
  private readonly keptBoth = new Emitter<{ relationship: Relationship; kept: readonly KeptBoth[] }>();
  private readonly notesChanged: Debouncer<Relationship>;

  constructor(
    private locations: () => NotesRepoLocations,
    /** How long a relationship's notes stay quiet before a change is announced. */
    notesChangeDebounceMs = NOTES_CHANGE_DEBOUNCE_MS,
  ) {
    this.notesChanged = new Debouncer(notesChangeDebounceMs, (relationship) => void this.announce(relationship));
  }

  /** The set of relationships was loaded or dropped (settings, workspace folders, a reload). */
  readonly onDidChangeRelationships: Event<void> = this.relationshipsChanged.event;
  /** One relationship's notes changed (a commit or a pull), once per burst. */
  readonly onDidChangeRelationship: Event<Relationship> = this.relationshipChanged.event;
  /** One relationship's background sync changed state (syncing, synced, offline, failed). */
  readonly onDidChangeSync: Event<Relationship> = this.syncChanged.event;
  /** Either of the first two: for listeners that redraw everything they show. */
  readonly onDidChange: Event<void> = this.anyChanged.event;

  /** Heard when a background sync kept both versions of notes both people changed. */
  onDidKeepBoth(listener: (relationship: Relationship, kept: readonly KeptBoth[]) => void): Disposable {
    return this.keptBoth.event(({ relationship, kept }) => listener(relationship, kept));
  }

  /** The relationship whose notes repo is at `root` (compared as resolved paths). */
  async relationshipAt(root: string): Promise<Relationship | undefined> {
    const wanted = path.resolve(root);
    return (await this.relationships()).find((r) => path.resolve(r.root) === wanted);
  }

  /** The loaded relationships, with every agreement re-read after the latest commits. */
  async relationships(): Promise<readonly Relationship[]> {
    await this.ensureLoaded();
    await Promise.all(this.rereads.values());
    return this.relationshipList;
  }

  async unusable(): Promise<readonly UnusableNotesRepo[]> {
    await this.ensureLoaded();
    return this.unusableList;
  }

  /** Drops what was loaded (settings or files changed) and tells the views. */
  reload(): void {
    if (this.disposed) return;
    this.unload();
    this.relationshipsChanged.fire();
    this.anyChanged.fire();
  }

  /**
   * Re-reads agreements now and announces the change at once, without waiting out the
   * debounce. Commits announce themselves, so this is only for changes git did not make
   * (e.g. an invitation that expired); kept for callers written before the events.
   */
  async refresh(relationship?: Relationship): Promise<void> {
    await this.ensureLoaded();
    const targets = relationship ? [relationship] : this.relationshipList;
    for (const target of targets) this.reread(target);
    await Promise.all(targets.map((target) => this.announce(target)));
  }

  /** Stops the background syncs and pending announcements, silently: for shutdown. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unload();
    this.notesChanged.dispose();
    for (const emitter of [this.relationshipsChanged, this.relationshipChanged, this.syncChanged, this.anyChanged, this.keptBoth]) emitter.dispose();
  }

  /** Refuses a location inside a workspace folder; returns the reason or undefined. */
  locationProblem(root: string): string | undefined {
    return notesLocationProblem(root, this.locations().workspaceFolders);
  }

  /**
   * The repo for a new relationship: the default one while it holds no agreement, otherwise a
   * new repo of its own next to it (one repo per relationship).
   */
  async repoForNewRelationship(otherPersonName: string): Promise<{ repo: NotesRepo; isNew: boolean }> {
    const where = this.locations();
    const problem = this.locationProblem(where.defaultRepo);
    if (problem) throw new Error(problem);
    // Reuse the loaded repo so its one write queue stays the only writer.
    const loaded = await this.relationshipAt(where.defaultRepo);
    const defaultRepo = loaded?.repo ?? (await NotesRepo.openOrCreate(where.defaultRepo, where.git));
    if ((await defaultRepo.readFile('mentorship.md')) === undefined) {
      if (where.defaultRemote) await defaultRepo.setRemote(where.defaultRemote);
      return { repo: defaultRepo, isNew: false };
    }
    const root = await uniqueFolder(where.storageFolder, slugify(otherPersonName));
    return { repo: await NotesRepo.openOrCreate(root, where.git), isNew: true };
  }

  private unload(): void {
    this.generation++;
    for (const relationship of this.relationshipList) this.unwire(relationship);
    this.relationshipList = [];
    this.unusableList = [];
    this.rereads.clear();
    this.loaded = undefined;
  }

  private unwire(relationship: Relationship): void {
    this.notesChanged.cancel(relationship);
    relationship.sync.dispose();
    for (const subscription of this.wiring.get(relationship) ?? []) subscription.dispose();
    this.wiring.delete(relationship);
  }

  /** The relationship's notes changed: re-read its agreement now, announce after the burst. */
  private changed(relationship: Relationship): void {
    if (!this.relationshipList.includes(relationship)) return;
    this.reread(relationship);
    this.notesChanged.touch(relationship);
  }

  private reread(relationship: Relationship): void {
    const previous = this.rereads.get(relationship) ?? Promise.resolve();
    // A broken read keeps the last agreement; the views show the file's problem on the next read.
    const next = previous.then(() => relationship.reload()).then(
      () => undefined,
      () => undefined,
    );
    this.rereads.set(relationship, next);
    void next.then(() => {
      if (this.rereads.get(relationship) === next) this.rereads.delete(relationship);
    });
  }

  private async announce(relationship: Relationship): Promise<void> {
    this.notesChanged.cancel(relationship);
    await this.rereads.get(relationship);
    if (this.disposed || !this.relationshipList.includes(relationship)) return;
    this.relationshipChanged.fire(relationship);
    this.anyChanged.fire();
  }

  private ensureLoaded(): Promise<void> {
    if (!this.loaded) {
      const generation = this.generation;
      this.loaded = this.load().then(({ relationships, unusable }) => {
        if (this.disposed) {
          for (const relationship of relationships) this.unwire(relationship);
          return undefined;
        }
        if (generation !== this.generation) {
          // reload() came while this load ran: drop what it opened, serve the newer load.
          for (const relationship of relationships) this.unwire(relationship);
          return this.ensureLoaded();
        }
        this.relationshipList = relationships;
        this.unusableList = unusable;
        // Pull what the other person pushed, and push what is still local.
        for (const relationship of relationships) relationship.sync.request();
        // Listeners (context keys, the other views) call back into relationships(), which
        // now finds `loaded` settled.
        this.relationshipsChanged.fire();
        this.anyChanged.fire();
        return undefined;
      });
    }
    return this.loaded;
  }

  private async load(): Promise<{ relationships: Relationship[]; unusable: UnusableNotesRepo[] }> {
    const where = this.locations();
    const relationships: Relationship[] = [];
    const unusable: UnusableNotesRepo[] = [];
    if (this.disposed) return { relationships, unusable };
    const roots = [where.defaultRepo, ...where.additionalRepos.filter((root) => path.resolve(root) !== path.resolve(where.defaultRepo))];
    for (const root of roots) {
      const problem = this.locationProblem(root);
      if (problem) {
        unusable.push({ root, reason: problem });
        continue;
      }
      if (root === where.defaultRepo && !(await pathExists(path.join(root, '.git')))) {
        continue; // zero setup: the default repo is created the first time it is needed
      }
      try {
        const repo = await NotesRepo.open(root, where.git);
        if (root === where.defaultRepo && where.defaultRemote) await repo.setRemote(where.defaultRemote);
        const relationship = new Relationship(repo, new SyncScheduler(repo, where.autoSync));
        await relationship.reload();
        this.wiring.set(relationship, [
          relationship.sync.onDidChange((state) => {
            this.syncChanged.fire(relationship);
            // A pull brought the other person's notes.
            if (state.kind === 'synced' && state.pulled) this.changed(relationship);
          }),
          relationship.sync.onDidKeepBoth((kept) => this.keptBoth.fire({ relationship, kept })),
          repo.onDidCommit(() => {
            this.changed(relationship);
            relationship.sync.request();
          }),
        ]);
        relationships.push(relationship);
      } catch (error) {
        unusable.push({ root, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return { relationships, unusable };
  }
}

/** A burst of commits (recording takeaways marks several items discussed) is one change. */
const NOTES_CHANGE_DEBOUNCE_MS = 100;
