import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AgendaItem } from '../core/agendaItem';
import { locateAnchor, normalizeRemoteUrl, relocateAnchor, type AnchorHistory, type AnchorLocation, type CodeAnchor, type SourceFile } from '../core/codeAnchor';
import { parseUnifiedDiff, type FileDiff } from '../core/unifiedDiff';
import type { WorkspaceFileOrigin, WorkspaceRepo } from '../workspace/workspaceRepo';

/** One anchored file, looked up once per batch for all the items on it. */
interface AnchoredFile {
  readonly root: string;
  readonly relative: string;
  readonly uri: vscode.Uri;
  readonly source?: SourceFile;
  /** The file at the flagged commit and the diffs since (git's, then the unsaved edits'). */
  readonly history?: AnchorHistory;
  /** git's diffs from the flagged commit to HEAD and the file at HEAD, for live edits on top. */
  readonly committed?: { readonly original: string; readonly diffs: readonly FileDiff[]; readonly head: string; readonly atHead: string };
  /** The line diff from the flagged commit's file to the text now, for the search by text. */
  readonly diff?: () => FileDiff | undefined;
  /** The flagged commit is not in this clone: the code was found by its text alone. */
  readonly missingCommit?: string;
}

/** What one locateAll shares between its items: file texts by URI, anchored files by key. */
interface LocateBatch {
  readonly texts: Map<string, Promise<string | undefined>>;
  readonly files: Map<string, Promise<AnchoredFile | undefined>>;
}

/** Where an agenda item's code is on this machine, or that it is not here at all. */
export type ItemLocation =
  | { readonly kind: 'here'; readonly root: string; readonly uri: vscode.Uri; readonly location: AnchorLocation; readonly missingCommit?: string }
  | { readonly kind: 'elsewhere' };

/**
 * Finds an agenda item's code in the open workspace: the repository by its normalized remote
 * (or folder name), renames since the flagged commit, then the core re-location, which follows
 * the diff from the flagged commit and falls back to matching snippet and context.
 */
export class AnchorLocator {
  private readonly origins = new Map<string, Promise<WorkspaceFileOrigin | undefined>>();
  // A file at a commit never changes, so it is kept until reset(); renames and diffs depend
  // on HEAD and the current text, so they are kept per (commit, path) with what they came from.
  private readonly committed = new Map<string, Promise<string | undefined>>();
  private readonly renames = new Map<string, Promise<Map<string, string>>>();
  private readonly diffs = new Map<string, { old: string; text: string; diff: FileDiff | undefined }>();
  // The core keeps its search tables per file object: hand it the same object for the same text.
  private readonly sources = new Map<string, SourceFile>();
  private readonly located = new WeakMap<AgendaItem, { file: AnchoredFile; location: AnchorLocation }>();

  constructor(private readonly workspaceRepo: WorkspaceRepo) {}

  /** Forget cached repository facts (after a checkout, pull or folder change). */
  reset(): void {
    this.origins.clear();
    this.renames.clear();
  }

  /** Locates many items; items on the same file at the same commit share one file lookup. */
  async locateAll(items: readonly AgendaItem[]): Promise<ItemLocation[]> {
    const batch: LocateBatch = { texts: new Map(), files: new Map() };
    return Promise.all(items.map((item) => this.locate(item, batch)));
  }

  async locate(item: AgendaItem, batch: LocateBatch = { texts: new Map(), files: new Map() }): Promise<ItemLocation> {
    const { anchor } = item;
    if (!anchor.repository) return { kind: 'elsewhere' };
    const key = `${anchor.repository}\0${anchor.commit ?? ''}\0${anchor.path}`;
    let pending = batch.files.get(key);
    if (!pending) {
      pending = this.fileOf(anchor, batch.texts);
      batch.files.set(key, pending);
    }
    const file = await pending;
    if (!file) return { kind: 'elsewhere' };
    const { source, history, diff, relative, uri, root, missingCommit } = file;
    // The tree and the gutter markers both locate every item after each change: the same
    // item against the same file text and history is answered once.
    const previous = this.located.get(item);
    const same = previous && previous.file.source === source && previous.file.history?.original === history?.original && sameDiffs(previous.file.history, history);
    const location = same ? previous.location : locateAnchor(anchor, source, history, diff);
    this.located.set(item, { file, location });
    const at = location.path === relative ? uri : vscode.Uri.file(path.join(root, ...location.path.split('/')));
    return { kind: 'here', root, uri: at, location, ...(missingCommit ? { missingCommit } : {}) };
  }

  /**
   * The anchored file as it is now and, when the flagged commit is known, its history since:
   * git's diff from the commit to HEAD (renames followed, whitespace ignored), then a line diff
   * from HEAD to the text now when there are edits not yet committed.
   */
  private async fileOf(anchor: CodeAnchor, texts: Map<string, Promise<string | undefined>>): Promise<AnchoredFile | undefined> {
    const origin = await this.findRepository(anchor.repository);
    if (!origin) return undefined;
    let relative = anchor.path;
    const commit = origin.inGit && anchor.commit ? anchor.commit : undefined;
    const committed = commit && origin.head ? await this.workspaceRepo.historyOf(origin.root, commit, anchor.path, await this.renamesSince(origin.root, commit), origin.head) : undefined;
    if (commit && !committed) relative = (await this.renamesSince(origin.root, commit)).get(anchor.path) ?? anchor.path;
    // Said on the row, not only in a log: without its commit the history cannot be followed.
    const missingCommit = commit && !committed && !(await this.workspaceRepo.hasCommit(origin.root, commit)) ? commit : undefined;
    if (committed?.path) relative = committed.path;
    const uri = vscode.Uri.file(path.join(origin.root, ...relative.split('/')));
    let pending = texts.get(uri.toString());
    if (!pending) {
      pending = currentText(uri);
      texts.set(uri.toString(), pending);
    }
    const text = await pending;
    const source = text === undefined ? undefined : this.sourceOf(relative, text);
    let history: AnchorHistory | undefined;
    let base: AnchoredFile['committed'];
    if (committed && origin.head) {
      const diffs: FileDiff[] = [...committed.diffs];
      const atHead = committed.text;
      if (text !== undefined && atHead !== undefined && atHead !== text) {
        const edits = this.diffOf(origin.head, relative, relative, atHead, text);
        if (edits) diffs.push(edits);
      }
      // A file deleted at HEAD but back in the working tree: the history no longer describes it.
      if (atHead !== undefined || text === undefined) history = { original: committed.original, diffs };
      if (atHead !== undefined) base = { original: committed.original, diffs: committed.diffs, head: origin.head, atHead };
    }
    const old = commit ? await this.fileAt(origin.root, commit, anchor.path) : undefined;
    const diff = (): FileDiff | undefined => (old !== undefined && text !== undefined && old !== text ? this.diffOf(commit ?? '', anchor.path, relative, old, text) : undefined);
    return { root: origin.root, relative, uri, source, history, diff, ...(base ? { committed: base } : {}), ...(missingCommit ? { missingCommit } : {}) };
  }

  /** Re-locates against an open document's live text (edits not yet saved move the anchor). */
  locateInDocument(item: AgendaItem, document: vscode.TextDocument, relative: string): AnchorLocation {
    const text = document.getText();
    const known = this.located.get(item);
    if (known && known.file.source?.text === text && known.file.relative === relative) return known.location;
    const committed = known?.file.relative === relative ? known.file.committed : undefined;
    if (committed) {
      // The committed history, then the live edits on top of HEAD's text.
      const edits = committed.atHead === text ? undefined : this.diffOf(committed.head, relative, relative, committed.atHead, text);
      const history = { original: committed.original, diffs: edits ? [...committed.diffs, edits] : committed.diffs };
      return locateAnchor(item.anchor, this.sourceOf(relative, text), history);
    }
    return relocateAnchor({ ...item.anchor, path: relative }, { path: relative, text });
  }

  private sourceOf(relative: string, text: string): SourceFile {
    const cached = this.sources.get(relative);
    if (cached && cached.text === text) return cached;
    const source = { path: relative, text };
    this.sources.set(relative, source);
    return source;
  }

  private fileAt(root: string, commit: string, relative: string): Promise<string | undefined> {
    const key = `${root}\0${commit}\0${relative}`;
    let text = this.committed.get(key);
    if (!text) {
      text = this.workspaceRepo.fileAt(root, commit, relative);
      this.committed.set(key, text);
    }
    return text;
  }

  private renamesSince(root: string, commit: string): Promise<Map<string, string>> {
    const key = `${root}\0${commit}`;
    let renames = this.renames.get(key);
    if (!renames) {
      renames = this.workspaceRepo.renamesSince(root, commit);
      this.renames.set(key, renames);
    }
    return renames;
  }

  /** The diff from the flagged commit's file to the current text, computed once per pair. */
  private diffOf(commit: string, from: string, to: string, old: string, text: string): FileDiff | undefined {
    const key = `${commit}\0${from}\0${to}`;
    const cached = this.diffs.get(key);
    if (cached && cached.old === old && cached.text === text) return cached.diff;
    const diff = parseUnifiedDiff(renameHeader(from, to) + loadDiff().createTwoFilesPatch(`a/${from}`, `b/${to}`, old, text, '', '', { context: 0 }))[0];
    this.diffs.set(key, { old, text, diff });
    return diff;
  }

  private async findRepository(repository: string): Promise<WorkspaceFileOrigin | undefined> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const key = folder.uri.fsPath;
      let origin = this.origins.get(key);
      if (!origin) {
        origin = vscode.workspace.isTrusted ? this.workspaceRepo.originOfFolder(key, key) : Promise.resolve({ root: key, inGit: false });
        this.origins.set(key, origin);
      }
      const found = await origin;
      if (!found) continue;
      const name = found.remoteUrl ? normalizeRemoteUrl(found.remoteUrl) : path.basename(found.root);
      if (name === repository || path.basename(found.root) === repository) return found;
    }
    return undefined;
  }
}

/** Two histories with the very same diffs (the caches hand out the same objects for the same text). */
function sameDiffs(a: AnchorHistory | undefined, b: AnchorHistory | undefined): boolean {
  if (!a || !b) return a === b;
  return a.diffs.length === b.diffs.length && a.diffs.every((diff, i) => diff === b.diffs[i]);
}

/** The line diff library, loaded the first time an anchor needs a diff. */
function loadDiff(): typeof import('diff') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load, see esbuild.mjs
  return require('diff') as typeof import('diff');
}

async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return await fs.readFile(uri.fsPath, 'utf8');
  } catch {
    return undefined;
  }
}

/** jsdiff writes no git header; add one so a rename reads like `git diff -M`. */
function renameHeader(from: string, to: string): string {
  return from === to ? `diff --git a/${from} b/${to}\n` : `diff --git a/${from} b/${to}\nrename from ${from}\nrename to ${to}\n`;
}
