/**
 * Unified diffs as `git diff -U0 -M <commit> --` prints them, and mapping a line range of the
 * old file onto the new one. Pure text in, plain data out.
 *
 * Line numbers: everything here is 0-based (line 0 is the first line, as in VS Code). Only the
 * `@@ -a,b +c,d @@` headers in the diff text are 1-based; the parser converts them.
 */

/** A range of whole lines, 0-based like VS Code, both ends inclusive. */
export interface LineRange {
  readonly startLine: number;
  readonly endLine: number;
}

/**
 * One contiguous change: `oldLines` lines at `oldStart` were replaced by `newLines` lines at
 * `newStart`. Both starts are 0-based. For a pure insertion (`oldLines` 0), `oldStart` is the
 * old line the new lines were inserted before; for a pure deletion (`newLines` 0), `newStart`
 * is the new line that follows the gap. Context lines never appear here: a hunk printed with
 * context (`-U3`) is split into its change blocks, so it maps as precisely as `-U0` output.
 */
export interface Hunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

export type FileChange = 'modified' | 'added' | 'deleted' | 'renamed' | 'copied';

export interface FileDiff {
  /** Path before the change, relative to the repo root; absent for an added file. */
  readonly oldPath?: string;
  /** Path after the change; absent for a deleted file. */
  readonly newPath?: string;
  readonly change: FileChange;
  /** `similarity index` of a rename or copy, in percent. */
  readonly similarity?: number;
  /** git printed "Binary files … differ": the content changed but there are no hunks. */
  readonly binary: boolean;
  /** Change blocks in file order. */
  readonly hunks: readonly Hunk[];
}

export interface DiffParseOptions {
  /**
   * Prefixes git put before the paths. Defaults `a/` and `b/`. Run git with
   * `--src-prefix=a/ --dst-prefix=b/` so that `diff.noprefix` or `diff.mnemonicPrefix` in the
   * user's config cannot change them; pass '' for `--no-prefix` output.
   */
  readonly srcPrefix?: string;
  readonly dstPrefix?: string;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

interface FileBuilder {
  /** Saw its `---` line: a further `---`/`+++` pair starts the next file. */
  sawPaths: boolean;
  headerOld?: string;
  headerNew?: string;
  oldPath?: string;
  newPath?: string;
  oldIsNull: boolean;
  newIsNull: boolean;
  change?: FileChange;
  similarity?: number;
  binary: boolean;
  hunks: Hunk[];
}

/** Parses git's unified diff output into one entry per file, in the order git printed them. */
export function parseUnifiedDiff(text: string, options: DiffParseOptions = {}): FileDiff[] {
  const srcPrefix = options.srcPrefix ?? 'a/';
  const dstPrefix = options.dstPrefix ?? 'b/';
  const lines = text.split('\n');
  const files: FileDiff[] = [];
  let file: FileBuilder | undefined;
  let skipping = false;

  const finish = (): void => {
    if (file) files.push(buildFileDiff(file));
    file = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = stripCr(lines[i] ?? '');
    if (line.startsWith('diff --git ')) {
      finish();
      skipping = false;
      const [oldPath, newPath] = splitGitHeader(line.slice('diff --git '.length), srcPrefix, dstPrefix);
      file = { sawPaths: false, headerOld: oldPath, headerNew: newPath, oldIsNull: false, newIsNull: false, binary: false, hunks: [] };
      continue;
    }
    if (line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      // Merge diffs have no single old side to map from: skip the whole section.
      finish();
      skipping = true;
      continue;
    }
    if (skipping) continue;
    // Plain unified diffs (GNU diff, jsdiff) have no `diff --git` line: `---` then `+++` opens a file.
    if (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ') && (!file || file.sawPaths || file.hunks.length > 0)) {
      finish();
      file = { sawPaths: false, oldIsNull: false, newIsNull: false, binary: false, hunks: [] };
    }
    if (!file) continue;

    if (line.startsWith('@@ ')) {
      i = readHunk(lines, i, file.hunks);
    } else if (line.startsWith('--- ')) {
      file.sawPaths = true;
      const path = parsePathField(line.slice(4));
      if (path === '/dev/null') file.oldIsNull = true;
      else file.oldPath = stripPrefix(path, srcPrefix);
    } else if (line.startsWith('+++ ')) {
      const path = parsePathField(line.slice(4));
      if (path === '/dev/null') file.newIsNull = true;
      else file.newPath = stripPrefix(path, dstPrefix);
    } else if (line.startsWith('rename from ')) {
      file.oldPath = parsePathField(line.slice('rename from '.length));
      file.change = 'renamed';
    } else if (line.startsWith('rename to ')) {
      file.newPath = parsePathField(line.slice('rename to '.length));
      file.change = 'renamed';
    } else if (line.startsWith('copy from ')) {
      file.oldPath = parsePathField(line.slice('copy from '.length));
      file.change = 'copied';
    } else if (line.startsWith('copy to ')) {
      file.newPath = parsePathField(line.slice('copy to '.length));
      file.change = 'copied';
    } else if (line.startsWith('new file mode')) {
      file.change = 'added';
    } else if (line.startsWith('deleted file mode')) {
      file.change = 'deleted';
    } else if (line.startsWith('similarity index ')) {
      file.similarity = parseInt(line.slice('similarity index '.length), 10);
    } else if (line.startsWith('Binary files ') || line === 'GIT binary patch') {
      file.binary = true;
    }
    // index, old/new mode, dissimilarity index, "\ No newline at end of file": nothing to map.
  }
  finish();
  return files;
}

/**
 * Reads the hunk whose header is at `lines[at]` into change blocks and returns the index of its
 * last line. The body is read by the header's counts, never by looks: a removed line "-- x"
 * prints as "--- x" and must not end the hunk.
 */
function readHunk(lines: readonly string[], at: number, into: Hunk[]): number {
  const match = HUNK_HEADER.exec(stripCr(lines[at] ?? ''));
  if (!match) return at;
  const oldCount = match[2] === undefined ? 1 : Number(match[2]);
  const newCount = match[4] === undefined ? 1 : Number(match[4]);
  // An empty side names the line *before* the change (1-based), which is the 0-based index after it.
  let oldPos = oldCount === 0 ? Number(match[1]) : Number(match[1]) - 1;
  let newPos = newCount === 0 ? Number(match[3]) : Number(match[3]) - 1;
  let oldLeft = oldCount;
  let newLeft = newCount;
  let block: { oldStart: number; newStart: number; removed: string[]; added: string[] } | undefined;

  const flush = (): void => {
    if (!block) return;
    into.push({
      oldStart: block.oldStart,
      oldLines: block.removed.length,
      newStart: block.newStart,
      newLines: block.added.length,
      removed: block.removed,
      added: block.added,
    });
    block = undefined;
  };

  let i = at;
  while ((oldLeft > 0 || newLeft > 0) && i + 1 < lines.length) {
    const raw = lines[i + 1] ?? '';
    const kind = raw.charAt(0);
    if (kind === '\\') {
      i++; // "\ No newline at end of file"
      continue;
    }
    // Some tools strip the lone space of an empty context line.
    if (kind !== '-' && kind !== '+' && kind !== ' ' && raw !== '' && raw !== '\r') break;
    i++;
    const content = stripCr(raw.slice(1));
    if (kind === '-' && oldLeft > 0) {
      block ??= { oldStart: oldPos, newStart: newPos, removed: [], added: [] };
      block.removed.push(content);
      oldPos++;
      oldLeft--;
    } else if (kind === '+' && newLeft > 0) {
      block ??= { oldStart: oldPos, newStart: newPos, removed: [], added: [] };
      block.added.push(content);
      newPos++;
      newLeft--;
    } else if (kind !== '-' && kind !== '+' && oldLeft > 0 && newLeft > 0) {
      flush();
      oldPos++;
      newPos++;
      oldLeft--;
      newLeft--;
    } else {
      i--; // a line the header's counts do not allow: a truncated or foreign diff
      break;
    }
  }
  flush();
  return i;
}

function buildFileDiff(file: FileBuilder): FileDiff {
  const oldPath = file.oldIsNull || file.change === 'added' ? undefined : (file.oldPath ?? file.headerOld);
  const newPath = file.newIsNull || file.change === 'deleted' ? undefined : (file.newPath ?? file.headerNew);
  let change: FileChange = file.change ?? 'modified';
  if (oldPath === undefined) change = 'added';
  else if (newPath === undefined) change = 'deleted';
  else if (change === 'modified' && oldPath !== newPath) change = 'renamed';
  return {
    ...(oldPath !== undefined ? { oldPath } : {}),
    ...(newPath !== undefined ? { newPath } : {}),
    change,
    ...(file.similarity !== undefined && !Number.isNaN(file.similarity) ? { similarity: file.similarity } : {}),
    binary: file.binary,
    hunks: file.hunks,
  };
}

/**
 * The diff of `path` as the old side of a change (the file an anchor was captured in), else as
 * the new side. A copy leaves its source in place, so it only matches by its new path.
 */
export function fileDiffFor(diffs: readonly FileDiff[], path: string): FileDiff | undefined {
  return diffs.find((d) => d.oldPath === path && d.change !== 'copied') ?? diffs.find((d) => d.newPath === path);
}

export interface MappedRange {
  /** Where the range is in the new file; absent when all of its lines were deleted. */
  readonly range?: LineRange;
  /** A change overlaps the range (or the file was deleted or is binary). */
  readonly touched: boolean;
  /** Net lines added (+) or removed (−) above the range. */
  readonly shift: number;
}

/**
 * Maps a 0-based range of the old file onto the new file. Changes wholly above the range move
 * it by their net line count; changes inside it mark it touched. A change that covers a border
 * of the range moves that border to the border of its replacement, so the result covers the
 * whole rewritten region rather than guessing a line inside it.
 */
export function mapRangeThroughDiff(range: LineRange, fileDiff: FileDiff): MappedRange {
  if (fileDiff.newPath === undefined || fileDiff.binary) return { touched: true, shift: 0 };
  let shift = 0;
  let delta = 0;
  let start: number | undefined;
  let endFromHunk: number | undefined;
  for (const hunk of fileDiff.hunks) {
    const oldEnd = hunk.oldStart + hunk.oldLines; // exclusive
    const above = hunk.oldLines === 0 ? hunk.oldStart <= range.startLine : oldEnd <= range.startLine;
    if (above) {
      delta += hunk.newLines - hunk.oldLines;
      shift = delta;
      continue;
    }
    if (hunk.oldStart > range.endLine) break; // this and every later hunk lie below
    // Overlaps: an insertion strictly inside, or removed lines within the range.
    start ??= hunk.oldLines > 0 && hunk.oldStart <= range.startLine ? hunk.newStart : range.startLine + delta;
    delta += hunk.newLines - hunk.oldLines;
    endFromHunk = hunk.oldLines > 0 && oldEnd - 1 >= range.endLine ? hunk.newStart + hunk.newLines - 1 : undefined;
  }
  if (start === undefined) {
    return { range: { startLine: range.startLine + shift, endLine: range.endLine + shift }, touched: false, shift };
  }
  const end = endFromHunk ?? range.endLine + delta;
  return end < start ? { touched: true, shift } : { range: { startLine: start, endLine: end }, touched: true, shift };
}

/** Lines of the new file that the diff added or rewrote, as 0-based inclusive ranges. */
export function addedRanges(fileDiff: FileDiff): LineRange[] {
  return fileDiff.hunks
    .filter((h) => h.newLines > 0)
    .map((h) => ({ startLine: h.newStart, endLine: h.newStart + h.newLines - 1 }));
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function stripPrefix(path: string, prefix: string): string {
  return prefix !== '' && path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/**
 * A path after `---`, `+++`, `rename from` and the like: either a C-quoted string (git quotes
 * names with control characters, quotes, backslashes or, by default, non-ASCII bytes) or plain
 * text that git ends with a tab when the name contains a space.
 */
function parsePathField(field: string): string {
  if (field.startsWith('"')) return readQuoted(field, 0)?.value ?? field;
  const tab = field.indexOf('\t');
  return tab >= 0 ? field.slice(0, tab) : field;
}

/** The two paths of `diff --git a/x b/y`, used when no ---/+++ or rename lines follow. */
function splitGitHeader(rest: string, srcPrefix: string, dstPrefix: string): [string | undefined, string | undefined] {
  if (rest.startsWith('"')) {
    const first = readQuoted(rest, 0);
    if (!first) return [undefined, undefined];
    const second = rest.slice(first.end + 1);
    const newPath = second.startsWith('"') ? readQuoted(second, 0)?.value : second;
    return [stripPrefix(first.value, srcPrefix), newPath === undefined ? undefined : stripPrefix(newPath, dstPrefix)];
  }
  const quotedSecond = rest.indexOf(' "');
  if (quotedSecond >= 0) {
    const newPath = readQuoted(rest, quotedSecond + 1)?.value;
    return [stripPrefix(rest.slice(0, quotedSecond), srcPrefix), newPath === undefined ? undefined : stripPrefix(newPath, dstPrefix)];
  }
  // Unquoted names may contain spaces; when both sides name the same file the split is exact.
  const nameLength = (rest.length - srcPrefix.length - dstPrefix.length - 1) / 2;
  if (Number.isInteger(nameLength) && nameLength > 0) {
    const oldName = rest.slice(srcPrefix.length, srcPrefix.length + nameLength);
    if (rest === `${srcPrefix}${oldName} ${dstPrefix}${oldName}`) return [oldName, oldName];
  }
  const split = dstPrefix === '' ? rest.indexOf(' ') : rest.lastIndexOf(` ${dstPrefix}`);
  if (split < 0) return [undefined, undefined];
  return [stripPrefix(rest.slice(0, split), srcPrefix), stripPrefix(rest.slice(split + 1), dstPrefix)];
}

const ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Reads a C-style quoted string starting at `text[from] === '"'`; octal escapes are UTF-8 bytes. */
function readQuoted(text: string, from: number): { value: string; end: number } | undefined {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  let i = from + 1;
  while (i < text.length) {
    const special = text.slice(i).search(/["\\]/);
    if (special < 0) return undefined;
    bytes.push(...encoder.encode(text.slice(i, i + special)));
    i += special;
    if (text.charAt(i) === '"') return { value: new TextDecoder().decode(new Uint8Array(bytes)), end: i + 1 };
    const octal = /^[0-7]{3}/.exec(text.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 4;
    } else {
      const next = text.charAt(i + 1);
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 2;
    }
  }
  return undefined;
}
