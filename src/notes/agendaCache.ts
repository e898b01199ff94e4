import { existsSync, readFileSync, statSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AgendaItem } from '../core/agendaItem';

/** What identifies one version of a file on disk. */
interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

interface CachedItem extends FileStamp {
  readonly item: AgendaItem;
}

// Bump when parseAgendaItem or AgendaItem changes: older entries are then ignored.
const CACHE_VERSION = 1;
const STAT_BATCH = 500;
// A file written this recently may be written again within the file system's timestamp
// granularity with the same size: parse it again next time rather than trust the stamp.
const RACY_MS = 100;

/**
 * Parsed agenda items kept beside the clone's git data (`.git/mentorship/agenda-cache.json`),
 * keyed by each file's size, times and inode: opening a large agenda parses only the files
 * that changed since it was last read. The files stay the truth: a missing, corrupt or stale
 * cache only costs a parse.
 */
export class AgendaCache {
  private entries: Map<string, CachedItem> | undefined;
  private readonly file: string | undefined;

  constructor(private readonly root: string) {
    const gitDir = path.join(root, '.git');
    // A worktree or submodule has a `.git` file, not a folder: no cache there.
    this.file = isFolder(gitDir) ? path.join(gitDir, 'mentorship', 'agenda-cache.json') : undefined;
  }

  /** The stamps of `relatives`, read in batches so the extension host stays responsive. */
  async stamps(relatives: readonly string[]): Promise<(FileStamp | undefined)[]> {
    const stamps: (FileStamp | undefined)[] = [];
    for (let start = 0; start < relatives.length; start += STAT_BATCH) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      for (const relative of relatives.slice(start, start + STAT_BATCH)) {
        const stat = statSync(path.join(this.root, relative), { throwIfNoEntry: false });
        stamps.push(stat && { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino });
      }
    }
    return stamps;
  }

  /** The item parsed from exactly this version of the file, if it was cached. */
  lookup(relative: string, stamp: FileStamp | undefined): AgendaItem | undefined {
    const cached = stamp && this.load().get(relative);
    return cached && sameStamp(cached, stamp) ? cached.item : undefined;
  }

  /**
   * Replaces the cache with what was just read. Written in the background; failing to write
   * it is harmless (the next load parses the files), so errors are dropped on purpose.
   */
  store(items: ReadonlyMap<string, { stamp: FileStamp; item: AgendaItem }>): void {
    if (!this.file) return;
    const now = Date.now();
    const next = new Map<string, CachedItem>();
    for (const [relative, { stamp, item }] of items) {
      if (now - stamp.mtimeMs >= RACY_MS) next.set(relative, { ...stamp, item });
    }
    const previous = this.load();
    if (next.size === previous.size && [...next].every(([relative, entry]) => sameEntry(previous.get(relative), entry))) return;
    this.entries = next;
    const file = this.file;
    const text = JSON.stringify({ version: CACHE_VERSION, entries: Object.fromEntries(next) });
    void fs
      .mkdir(path.dirname(file), { recursive: true })
      .then(() => loadWriteFileAtomic()(file, text))
      .catch(() => undefined);
  }

  private load(): Map<string, CachedItem> {
    if (this.entries) return this.entries;
    this.entries = new Map();
    if (!this.file || !existsSync(this.file)) return this.entries;
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as { version?: unknown; entries?: unknown };
      if (parsed.version === CACHE_VERSION && typeof parsed.entries === 'object' && parsed.entries !== null) {
        for (const [relative, entry] of Object.entries(parsed.entries as Record<string, unknown>)) {
          if (isCachedItem(entry)) this.entries.set(relative, entry);
        }
      }
    } catch {
      // A torn or hand-edited cache is ignored: the files are parsed instead.
      this.entries = new Map();
    }
    return this.entries;
  }
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

function sameEntry(a: CachedItem | undefined, b: CachedItem): boolean {
  return a !== undefined && sameStamp(a, b) && a.item === b.item;
}

function isCachedItem(value: unknown): value is CachedItem {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  const item = entry.item as Record<string, unknown> | undefined;
  return (
    ['size', 'mtimeMs', 'ctimeMs', 'ino'].every((key) => typeof entry[key] === 'number') &&
    typeof item === 'object' &&
    item !== null &&
    typeof item.id === 'string' &&
    typeof item.question === 'string' &&
    Array.isArray(item.tags) &&
    typeof item.anchor === 'object' &&
    item.anchor !== null
  );
}

function isFolder(folder: string): boolean {
  return statSync(folder, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** write-file-atomic, loaded on the first write. */
function loadWriteFileAtomic(): typeof import('write-file-atomic') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load, see esbuild.mjs
  return require('write-file-atomic') as typeof import('write-file-atomic');
}
