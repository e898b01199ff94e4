/**
 * The anchor model and its capture. Code anchors: what a mentee flagged for the next sync, stored so that it can be found again
 * weeks later after edits, pulls, checkouts and rebases. Pure: the caller reads the files and
 * runs git; this module only decides where the flagged code is now.
 *
 * Lines are 0-based everywhere (line 0 is the first line of a file, as in VS Code's API) and
 * ranges cover whole lines, both ends included. Add 1 only to show a line number to a person.
 */
import type { LineRange } from '../unifiedDiff';

export type { LineRange } from '../unifiedDiff';

export interface CodeAnchor {
  /** The repository's normalized remote URL (see `normalizeRemoteUrl` in remoteUrl.ts), else the folder name. */
  readonly repository: string;
  /** HEAD when the code was flagged; absent outside git. */
  readonly commit?: string;
  /** The file had uncommitted changes when flagged, so `range` may not exist at `commit`. */
  readonly dirty: boolean;
  /** Relative to the repo root (or the workspace folder), with '/' separators. */
  readonly path: string;
  /** 0-based, inclusive. */
  readonly range: LineRange;
  /** The text of the selected lines (whole lines), joined with '\n'. */
  readonly snippet: string;
  /** Up to `contextLines` lines just above the range, in file order. */
  readonly contextBefore: readonly string[];
  /** Up to `contextLines` lines just below the range, in file order. */
  readonly contextAfter: readonly string[];
  readonly language?: string;
}

/**
 * - exact: the flagged code starts on the same line of the same file, unchanged or changed only
 *   in whitespace (reindented, blank lines added or removed; the reason then says so).
 * - moved: the same code, maybe re-whitespaced, on another line or in another file.
 * - changed: code that is clearly the flagged code, edited since (wherever it is now).
 * - gone: not found, or not found with enough certainty to point at anything.
 */
export type AnchorStatus = 'exact' | 'moved' | 'changed' | 'gone';

export interface AnchorLocation {
  readonly status: AnchorStatus;
  /** Where the code is now (for 'gone': the anchor's path). */
  readonly path: string;
  /** Absent exactly when the status is 'gone'. */
  readonly range?: LineRange;
  /** Short human text: 'moved down 4 lines', 'code changed since it was flagged', 'file deleted'. */
  readonly reason: string;
  /** The lines at `range` are byte-identical to the flagged lines (not only re-whitespaced). */
  readonly verbatim?: boolean;
  /**
   * More than one place fits as well as `range` (which is the nearest one), or for 'gone' more
   * than one place fits and none clearly: the row says "2 candidates" so the user checks.
   */
  readonly candidates?: number;
}

/** A file as the caller read it; `path` relative to the repo root like {@link CodeAnchor.path}. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface CaptureAnchorArgs {
  readonly repository: string;
  readonly commit?: string;
  readonly dirty: boolean;
  readonly path: string;
  readonly fileText: string;
  /** The selection's lines, 0-based. A selection that ends at column 0 should end on the line before. */
  readonly range: LineRange;
  readonly language?: string;
  /** Context lines kept on each side; default 3. */
  readonly contextLines?: number;
}

/** Splits text into lines on \n, \r\n or \r. A final line break does not start another line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** '/' separators, no leading './' or '/', so anchors compare equal across platforms. */
export function normalizeAnchorPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/\/{2,}/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/** Captures the anchor of a selection: the whole selected lines plus a little context around them. */
export function captureAnchor(args: CaptureAnchorArgs): CodeAnchor {
  const lines = splitLines(args.fileText);
  const last = Math.max(lines.length - 1, 0);
  const startLine = clamp(Math.min(args.range.startLine, args.range.endLine), 0, last);
  const endLine = clamp(Math.max(args.range.startLine, args.range.endLine), startLine, last);
  const context = Math.max(0, Math.floor(args.contextLines ?? 3));
  return {
    repository: args.repository,
    ...(args.commit ? { commit: args.commit } : {}),
    dirty: args.dirty,
    path: normalizeAnchorPath(args.path),
    range: { startLine, endLine },
    snippet: lines.slice(startLine, endLine + 1).join('\n'),
    contextBefore: lines.slice(Math.max(0, startLine - context), startLine),
    contextAfter: lines.slice(endLine + 1, endLine + 1 + context),
    ...(args.language ? { language: args.language } : {}),
  };
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

export function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}
