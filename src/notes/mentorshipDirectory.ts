import * as path from 'node:path';
import { slugify } from '../core/ids';
import { notesLocationProblem } from '../core/notesLocation';
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
 */
export class MentorshipDirectory {
  private loaded: Promise<void> | undefined;
  private generation = 0;
  private relationshipList: Relationship[] = [];
  private unusableList: UnusableNotesRepo[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private locations: () => NotesRepoLocations) {}

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private readonly keptBothListeners = new Set<(relationship: Relationship, kept: readonly KeptBoth[]) => void>();

  /** Heard when a background sync kept both versions of notes both people changed. */
  onDidKeepBoth(listener: (relationship: Relationship, kept: readonly KeptBoth[]) => void): { dispose(): void } {
    this.keptBothListeners.add(listener);
    return { dispose: () => this.keptBothListeners.delete(listener) };
  }

  /** The relationship whose notes repo is at `root` (compared as resolved paths). */
  async relationshipAt(root: string): Promise<Relationship | undefined> {
    const wanted = path.resolve(root);
    return (await this.relationships()).find((r) => path.resolve(r.root) === wanted);
  }

  async relationships(): Promise<readonly Relationship[]> {
    await this.ensureLoaded();
    return this.relationshipList;
  }

  async unusable(): Promise<readonly UnusableNotesRepo[]> {
    await this.ensureLoaded();
    return this.unusableList;
  }

  /** Drops what was loaded (settings or files changed) and tells the views. */
  reload(): void {
    this.generation++;
    for (const relationship of this.relationshipList) relationship.sync.dispose();
    this.relationshipList = [];
    this.unusableList = [];
    this.loaded = undefined;
    this.fire();
  }

  /** Re-reads agreements without reopening repos (after a commit or pull). */
  async refresh(): Promise<void> {
    await this.ensureLoaded();
    await Promise.all(this.relationshipList.map((relationship) => relationship.reload()));
    this.fire();
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

  private ensureLoaded(): Promise<void> {
    if (!this.loaded) {
      const generation = this.generation;
      this.loaded = this.load().then(({ relationships, unusable }) => {
        if (generation !== this.generation) {
          // reload() came while this load ran: drop what it opened, serve the newer load.
          for (const relationship of relationships) relationship.sync.dispose();
          return this.ensureLoaded();
        }
        this.relationshipList = relationships;
        this.unusableList = unusable;
        // Listeners (context keys, the other views) call back into relationships(), which
        // now finds `loaded` settled.
        this.fire();
        return undefined;
      });
    }
    return this.loaded;
  }

  private async load(): Promise<{ relationships: Relationship[]; unusable: UnusableNotesRepo[] }> {
    const where = this.locations();
    const relationships: Relationship[] = [];
    const unusable: UnusableNotesRepo[] = [];
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
        relationship.sync.onDidChange(() => this.fire());
        relationship.sync.onDidKeepBoth((kept) => {
          for (const listener of this.keptBothListeners) listener(relationship, kept);
        });
        repo.onDidCommit(() => relationship.sync.request());
        // Pull what the other person pushed, and push what is still local.
        relationship.sync.request();
        relationships.push(relationship);
      } catch (error) {
        unusable.push({ root, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return { relationships, unusable };
  }

  private fire(): void {
    for (const listener of this.listeners) listener();
  }
}
