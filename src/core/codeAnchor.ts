/**
 * Code anchors: what a mentee flagged for the next sync, stored so that it can be found again
 * weeks later after edits, pulls, checkouts and rebases. Pure: the caller reads the files and
 * runs git; this module only decides where the flagged code is now.
 *
 * Lines are 0-based everywhere (line 0 is the first line of a file, as in VS Code's API) and
 * ranges cover whole lines, both ends included. Add 1 only to show a line number to a person.
 */
import { addedRanges, mapRangeThroughDiff, type FileDiff, type LineRange, type MappedRange } from './unifiedDiff';

export type { LineRange } from './unifiedDiff';

export interface CodeAnchor {
  /** The repository's normalized remote URL (see {@link normalizeRemoteUrl}), else the folder name. */
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

/**
 * One spelling per hosted repository, so anchors flagged by the mentee over ssh and opened by
 * the mentor over https name the same repository: `git@github.com:Org/Repo.git`,
 * `https://github.com/org/repo` and `ssh://git@github.com:22/org/repo.git` all become
 * `github.com/org/repo`. Credentials, ports (they differ between ssh and https to the same
 * host), a trailing `.git` and slashes are dropped, and host and path are lowercased (GitHub,
 * GitLab and Bitbucket treat owner and name case-insensitively). Local paths and file:// URLs
 * keep their case, since file systems may not.
 */
export function normalizeRemoteUrl(url: string): string {
  const text = url.trim();
  const fileUrl = /^file:\/\/(.*)$/i.exec(text);
  if (fileUrl) return stripRepoSuffix(fileUrl[1] ?? '');
  if (text.startsWith('/') || text.startsWith('.') || /^[A-Za-z]:[\\/]/.test(text)) {
    return stripRepoSuffix(text.replace(/\\/g, '/'));
  }
  const withScheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^/:?#]*)(?::\d*)?([^?#]*)/.exec(text);
  const scpLike = withScheme ? undefined : /^(?:[^@/:]+@)?([^/:]+):(.*)$/.exec(text);
  const host = withScheme?.[1] ?? scpLike?.[1];
  if (host === undefined) return stripRepoSuffix(text);
  const path = stripRepoSuffix((withScheme?.[2] ?? scpLike?.[2] ?? '').replace(/^\/+/, '').replace(/\/{2,}/g, '/'));
  return (path === '' ? host : `${host}/${path}`).toLowerCase();
}

function stripRepoSuffix(path: string): string {
  return path.replace(/\/+$/, '').replace(/\.git$/i, '').replace(/\/+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Prepared files: normalized lines and lookup tables, built once per file text and reused by
// every anchor relocated in it.

const WHITESPACE = /\s+/g;
/** A line with a letter or digit says something; '}' or ');' do not. */
const SIGNIFICANT = /[\p{L}\p{N}]/u;
const IDENTIFIER = /[\p{L}_$][\p{L}\p{N}_$]{2,}/gu;

function normalizeLine(line: string): string {
  return line.replace(WHITESPACE, ' ').trim();
}

/**
 * A file with its search tables. The tables are also cached for any {@link SourceFile} object
 * passed to {@link relocateAnchor}, so reusing the same objects across anchors is enough;
 * `prepareFile` just makes that explicit.
 */
export interface PreparedFile extends SourceFile {
  readonly lines: readonly string[];
}

interface FileIndex {
  readonly text: string;
  readonly lines: readonly string[];
  /** Whitespace-normalized non-blank lines ("nb positions"): blank lines never decide a match. */
  readonly nbText: readonly string[];
  /** The line index of each nb position. */
  readonly nbLine: readonly number[];
  /** For each line index, and one past the last line: the first nb position at or after it. */
  readonly nbFrom: Int32Array;
  readonly grams: (Uint32Array | undefined)[];
  readonly words: (readonly string[] | undefined)[];
  exact?: Map<string, number[]>;
  normalized?: Map<string, number[]>;
  tokens?: Map<string, number[]>;
  /** Prefix sums of line weights over nb positions (see lineWeight). */
  weights?: Float64Array;
}

const indexes = new WeakMap<SourceFile, FileIndex>();

export function prepareFile(file: SourceFile): PreparedFile {
  const index = indexOf(file);
  const prepared: PreparedFile = { path: file.path, text: file.text, lines: index.lines };
  indexes.set(prepared, index);
  return prepared;
}

function indexOf(file: SourceFile): FileIndex {
  const cached = indexes.get(file);
  if (cached && cached.text === file.text) return cached;
  const lines = splitLines(file.text);
  const nbText: string[] = [];
  const nbLine: number[] = [];
  const nbFrom = new Int32Array(lines.length + 1);
  lines.forEach((line, i) => {
    nbFrom[i] = nbText.length;
    const normalized = normalizeLine(line);
    if (normalized !== '') {
      nbText.push(normalized);
      nbLine.push(i);
    }
  });
  nbFrom[lines.length] = nbText.length;
  const index: FileIndex = { text: file.text, lines, nbText, nbLine, nbFrom, grams: [], words: [] };
  indexes.set(file, index);
  return index;
}

function positionsOf(values: readonly string[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  values.forEach((value, i) => {
    const list = map.get(value);
    if (list) list.push(i);
    else map.set(value, [i]);
  });
  return map;
}

function exactIndex(index: FileIndex): Map<string, number[]> {
  return (index.exact ??= positionsOf(index.lines));
}

function normalizedIndex(index: FileIndex): Map<string, number[]> {
  return (index.normalized ??= positionsOf(index.nbText));
}

function tokenIndex(index: FileIndex): Map<string, number[]> {
  if (index.tokens) return index.tokens;
  const map = new Map<string, number[]>();
  index.nbText.forEach((line, p) => {
    for (const token of new Set(line.match(IDENTIFIER) ?? [])) {
      const list = map.get(token);
      if (list) list.push(p);
      else map.set(token, [p]);
    }
  });
  return (index.tokens = map);
}

/**
 * How much a line tells where it is, in this file: a line found k times counts 1/k (the
 * 300th `return result;` tells nothing), and a punctuation-only line a quarter of that.
 */
function lineWeight(index: FileIndex, normalized: string): number {
  const occurrences = normalizedIndex(index).get(normalized)?.length ?? 0;
  return (SIGNIFICANT.test(normalized) ? 1 : 0.25) / Math.max(1, occurrences);
}

function weightPrefix(index: FileIndex): Float64Array {
  if (index.weights) return index.weights;
  const prefix = new Float64Array(index.nbText.length + 1);
  index.nbText.forEach((line, p) => {
    prefix[p + 1] = (prefix[p] as number) + lineWeight(index, line);
  });
  return (index.weights = prefix);
}

function gramsAt(index: FileIndex, p: number): Uint32Array {
  let grams = index.grams[p];
  if (!grams) {
    grams = bigrams(index.nbText[p] ?? '');
    index.grams[p] = grams;
  }
  return grams;
}

const WORD = /[\p{L}\p{N}_$]+/gu;

/** Names and numbers of a line, sorted: `value253` and `value256` are different words. */
function wordsOf(line: string): string[] {
  return (line.match(WORD) ?? []).sort();
}

function wordsAt(index: FileIndex, p: number): readonly string[] {
  return (index.words[p] ??= wordsOf(index.nbText[p] ?? ''));
}

/** Dice coefficient of two sorted word multisets; lines without words compare as equal. */
function wordDice(a: readonly string[], b: readonly string[]): number {
  return sortedDice(a, b);
}

/** Character bigrams as sorted codes, so two lines compare by one merge, without allocation. */
function bigrams(line: string): Uint32Array {
  if (line.length < 2) return Uint32Array.of(line.charCodeAt(0) || 0);
  const codes = new Uint32Array(line.length - 1);
  for (let i = 0; i < codes.length; i++) {
    codes[i] = ((line.charCodeAt(i) << 16) | line.charCodeAt(i + 1)) >>> 0;
  }
  return codes.sort();
}

/** Dice coefficient of two bigram multisets: 1 for the same line, ~0.9 for a renamed identifier. */
function dice(a: Uint32Array, b: Uint32Array): number {
  return sortedDice(a, b);
}

/** Dice coefficient of two sorted multisets, by one merge walk; two empty sets are equal. */
function sortedDice<T extends string | number>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  if (a.length + b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as T;
    const y = b[j] as T;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

// ---------------------------------------------------------------------------------------------
// The anchor's side of a search, computed once per relocation.

/** Below this many non-space characters on meaningful lines a snippet is too common to trust alone. */
const MIN_DISTINCT_CHARS = 20;

interface Snippet {
  readonly lines: readonly string[];
  readonly nbText: readonly string[];
  /** Bigrams and words per non-blank line, filled on first fuzzy use (most anchors never get there). */
  readonly grams: (Uint32Array | undefined)[];
  readonly words: (readonly string[] | undefined)[];
  /** Blank lines before the first / after the last non-blank line of the snippet. */
  readonly lead: number;
  readonly trail: number;
  /** `return x;` or `}` could be anywhere: such a snippet needs its context to be trusted. */
  readonly lowInfo: boolean;
  /** Significant context lines, normalized. */
  readonly before: readonly string[];
  readonly after: readonly string[];
}

function snippetOf(anchor: CodeAnchor): Snippet {
  const lines = anchor.snippet.split(/\r\n|\r|\n/);
  const normalized = lines.map(normalizeLine);
  const nbText = normalized.filter((line) => line !== '');
  const firstText = normalized.findIndex((line) => line !== '');
  const lead = firstText < 0 ? 0 : firstText;
  const trail = firstText < 0 ? 0 : lines.length - 1 - findLastIndex(normalized, (line) => line !== '');
  const distinct = nbText.filter((line) => SIGNIFICANT.test(line)).reduce((sum, line) => sum + line.replace(WHITESPACE, '').length, 0);
  const significant = (context: readonly string[]): string[] => context.map(normalizeLine).filter((line) => SIGNIFICANT.test(line));
  return {
    lines,
    nbText,
    grams: [],
    words: [],
    lead,
    trail,
    lowInfo: distinct < MIN_DISTINCT_CHARS,
    before: significant(anchor.contextBefore),
    after: significant(anchor.contextAfter),
  };
}

// ---------------------------------------------------------------------------------------------
// Relocation.

/** Fuzzy matches below this line similarity are not the flagged code. */
const MIN_SIMILARITY = 0.6;
/**
 * Two lines this similar can be one line edited (a renamed name, a changed argument);
 * `return { ok: false }` and `return { ok: true, value }` (about 0.65) are two different lines.
 */
const LINE_FLOOR = 0.7;
/** A fuzzy match without context or diff to back it must be at least this similar. */
const NEAR_VERBATIM = 0.9;
/** A fuzzy winner must lead the next place by this much, or nothing is pointed at. */
const CLEAR_LEAD = 0.05;
/** Score bonus for a fuzzy match where the diff says the flagged lines were rewritten. */
const DIFF_BONUS = 0.1;
/** Normalized lines more frequent than this (`}`, `return;`) cast no vote for a position. */
const MAX_VOTING_OCCURRENCES = 40;
const MAX_SEEDS = 4;
/** Starts with less than this share of the strongest vote are noise. */
const MIN_SEED_SHARE = 0.3;

interface Found {
  readonly range: LineRange;
  readonly kind: 'exact' | 'whitespace' | 'fuzzy';
  /** Other places with the same text and context, told apart only by distance. */
  readonly ties: number;
  /** Overlaps the flagged range as the diff rewrote it: the code was edited in place. */
  readonly inPlace: boolean;
  readonly score: number;
  /** Lines the code moved, measured on its first non-blank line (blank border lines may be lost). */
  readonly shift: number;
}

interface SearchHints {
  /** The first non-blank line of the snippet when it was flagged. */
  readonly flaggedLine: number;
  /** Where the code is expected to start (after the diff's shift, if any). */
  readonly expectedLine: number;
  /** The flagged range mapped through the diff, when the diff rewrote it. */
  readonly mapped?: LineRange;
  /**
   * With a trusted diff, code that already existed at the commit at another place cannot be the
   * flagged code: a candidate must overlap lines the diff added, or the mapped range.
   */
  readonly diffRegions?: readonly LineRange[];
}

/**
 * Finds the flagged code again. `current` is the file at the anchor's path now (or at its
 * renamed path, per `diff`), undefined when it no longer exists. `diff` is git's diff from
 * `anchor.commit` to the working tree for that file; it is ignored for dirty anchors, whose
 * lines were never at `commit`. `otherFiles` are candidates for code moved to another file.
 *
 * Never points at code it is not sure about: a duplicate or a look-alike without supporting
 * context (or diff) is 'gone' rather than a guess.
 *
 * Order: (1) the lines still at the range, or (2) at the range mapped through an untouched diff;
 * (3) the snippet verbatim, then whitespace-insensitive, elsewhere in the file, best context
 * and nearest first; (4) a fuzzy window by line similarity and context; (5) the same in
 * `otherFiles`; (6) 'gone'. A fuzzy match in this file that the diff does not back loses to a
 * verbatim match in another file: the block most likely moved, and a look-alike stayed.
 */
export function relocateAnchor(
  anchor: CodeAnchor,
  current: SourceFile | undefined,
  diff?: FileDiff,
  otherFiles: readonly SourceFile[] = [],
): AnchorLocation {
  const snippet = snippetOf(anchor);
  const original: LineRange = { startLine: anchor.range.startLine, endLine: anchor.range.startLine + snippet.lines.length - 1 };
  const flaggedLine = original.startLine + snippet.lead;
  let ambiguous = false;
  let fuzzyHere: Found | undefined;

  if (current) {
    const index = indexOf(current);
    const trusted = diff !== undefined && !anchor.dirty && !diff.binary && diff.newPath !== undefined;
    const mapped: MappedRange | undefined = trusted ? mapRangeThroughDiff(original, diff) : undefined;
    if (mapped && !mapped.touched && mapped.range && linesEqualAt(index, mapped.range.startLine, snippet.lines)) {
      return located(anchor, current.path, { range: mapped.range, kind: 'exact', ties: 0, inPlace: false, score: 2, shift: mapped.shift }, diff);
    }
    // Without a diff, the same text at the same place still needs its context or to be unique:
    // in repetitive code another copy can slide into the old position.
    if (
      !trusted &&
      linesEqualAt(index, original.startLine, snippet.lines) &&
      (snippet.lowInfo
        ? placesPlainSnippet(contextOfRange(index, original, snippet))
        : supported(contextOfRange(index, original, snippet)) || exactStarts(index, snippet.lines).length === 1)
    ) {
      return located(anchor, current.path, { range: original, kind: 'exact', ties: 0, inPlace: false, score: 2, shift: 0 }, diff);
    }
    // An untouched range whose text differs means the diff does not describe this anchor.
    const rewritten = trusted && mapped?.touched ? mapped.range : undefined;
    const hints: SearchHints = {
      flaggedLine,
      expectedLine: mapped?.range?.startLine ?? original.startLine + (mapped?.shift ?? 0),
      ...(rewritten ? { mapped: rewritten } : {}),
      ...(trusted && mapped?.touched ? { diffRegions: [...addedRanges(diff), ...(rewritten ? [rewritten] : [])] } : {}),
    };
    const verbatim = findVerbatim(index, snippet, hints);
    if (verbatim.found) return located(anchor, current.path, verbatim.found, diff);
    const fuzzy = findFuzzy(index, snippet, hints);
    ambiguous = verbatim.ambiguous || fuzzy.ambiguous;
    if (fuzzy.found && (fuzzy.found.inPlace || otherFiles.length === 0)) return located(anchor, current.path, fuzzy.found, diff);
    fuzzyHere = fuzzy.found;
  }

  const names = longestNames(snippet);
  const others = otherFiles.filter((file) => file.path !== current?.path && (names.length === 0 || names.some((name) => file.text.includes(name))));
  let bestOther: { file: SourceFile; found: Found } | undefined;
  for (const file of others) {
    const { found, ambiguous: unclear } = findVerbatim(indexOf(file), snippet, { flaggedLine, expectedLine: original.startLine });
    ambiguous ||= unclear;
    if (found && (!bestOther || found.score > bestOther.found.score)) bestOther = { file, found };
  }
  if (bestOther) return located(anchor, bestOther.file.path, bestOther.found, diff);
  if (current && fuzzyHere) return located(anchor, current.path, fuzzyHere, diff);
  for (const file of others) {
    const fuzzy = findFuzzy(indexOf(file), snippet, { flaggedLine, expectedLine: original.startLine });
    ambiguous ||= fuzzy.ambiguous;
    if (fuzzy.found && (!bestOther || fuzzy.found.score > bestOther.found.score)) bestOther = { file, found: fuzzy.found };
  }
  if (bestOther) return located(anchor, bestOther.file.path, bestOther.found, diff);

  const reason = !current ? 'file deleted' : ambiguous ? 'code changed; several places look alike, none clearly the flagged code' : 'code no longer found';
  return { status: 'gone', path: anchor.path, reason };
}

/** Turns a match into the status and reason the user sees. */
function located(anchor: CodeAnchor, path: string, found: Found, diff: FileDiff | undefined): AnchorLocation {
  const moves: string[] = [];
  if (path !== anchor.path) {
    const renamed = diff?.change === 'renamed' && diff.oldPath === anchor.path && diff.newPath === path;
    moves.push(renamed ? `file renamed to ${path}` : `moved to ${path}`);
  }
  const lines = found.shift;
  if (lines !== 0 && (moves.length === 0 || moves[0]?.startsWith('file renamed'))) {
    const count = Math.abs(lines);
    moves.push(`moved ${lines > 0 ? 'down' : 'up'} ${count} line${count === 1 ? '' : 's'}`);
  }
  const notes = found.ties > 0 ? [`the same code is in ${found.ties + 1} places, this is the nearest`] : [];
  const say = (...parts: string[]): string => [moves.join(', '), ...parts, ...notes].filter((part) => part !== '').join('; ');
  const range = found.range;
  if (found.kind === 'fuzzy') return { status: 'changed', path, range, reason: say('code changed since it was flagged') };
  const status: AnchorStatus = moves.length === 0 ? 'exact' : 'moved';
  if (found.kind === 'whitespace') return { status, path, range, reason: say('only whitespace changed') };
  return { status, path, range, reason: say() || 'unchanged' };
}

function linesEqualAt(index: FileIndex, start: number, lines: readonly string[]): boolean {
  if (start < 0 || start + lines.length > index.lines.length) return false;
  return lines.every((line, i) => index.lines[start + i] === line);
}

/** For a cheap pre-check of other files: a verbatim or close match shares one of these names. */
function longestNames(snippet: Snippet): string[] {
  return [...new Set(snippet.nbText.join(' ').match(IDENTIFIER) ?? [])].sort((a, b) => b.length - a.length).slice(0, 3);
}

// Exact and whitespace-insensitive search ------------------------------------------------------

/** Context found next to a candidate, each anchor context line weighted by its rarity here. */
interface ContextMatch {
  /** Weight of the context lines found next to the candidate. */
  readonly matched: number;
  /** Weight of all the anchor's significant context lines. */
  readonly total: number;
  /** Every side that has telling context lines has some of them found (a `}` needs both). */
  readonly bothSides: boolean;
  /** The anchor has no significant context at all (a tiny file, or only braces around it). */
  readonly none: boolean;
}

/** A context line found in one place is one line of evidence; found in ten places, a tenth. */
const MIN_CONTEXT_EVIDENCE = 0.5;

function supported(context: ContextMatch): boolean {
  return context.matched >= MIN_CONTEXT_EVIDENCE;
}

/** What a snippet too plain to recognize (`}`, `return x;`) needs to be placed: context on both sides. */
function placesPlainSnippet(context: ContextMatch): boolean {
  return context.none || (supported(context) && context.bothSides);
}

/** Context that could tell places apart at all (not only lines that recur everywhere). */
function informative(context: ContextMatch): boolean {
  return context.total >= MIN_CONTEXT_EVIDENCE;
}

/** The anchor's significant context lines found next to nb positions first..last, by weight. */
function contextAt(index: FileIndex, first: number, last: number, snippet: Snippet): ContextMatch {
  const occurrences = normalizedIndex(index);
  const weight = (line: string): number => 1 / Math.max(1, occurrences.get(line)?.length ?? 0);
  const count = (wanted: readonly string[], from: number, step: number): number => {
    const pool: string[] = [];
    for (let p = from, n = 0; p >= 0 && p < index.nbText.length && n < wanted.length + 2; p += step, n++) {
      pool.push(index.nbText[p] as string);
    }
    let matched = 0;
    for (const line of wanted) {
      const at = pool.indexOf(line);
      if (at >= 0) {
        matched += weight(line);
        pool.splice(at, 1);
      }
    }
    return matched;
  };
  const total = (lines: readonly string[]): number => lines.reduce((sum, line) => sum + weight(line), 0);
  const before = count(snippet.before, first - 1, -1);
  const after = count(snippet.after, last + 1, 1);
  const side = (found: number, all: number): boolean => all < MIN_CONTEXT_EVIDENCE || found >= MIN_CONTEXT_EVIDENCE;
  return {
    matched: before + after,
    total: total(snippet.before) + total(snippet.after),
    bothSides: side(before, total(snippet.before)) && side(after, total(snippet.after)),
    none: snippet.before.length + snippet.after.length === 0,
  };
}

function contextOfRange(index: FileIndex, range: LineRange, snippet: Snippet): ContextMatch {
  const first = index.nbFrom[range.startLine] ?? index.nbText.length;
  const last = (index.nbFrom[range.endLine + 1] ?? index.nbText.length) - 1;
  return contextAt(index, first, last, snippet);
}

/** Starts of every verbatim occurrence, probing from the snippet's rarest line. */
function exactStarts(index: FileIndex, lines: readonly string[]): number[] {
  const table = exactIndex(index);
  let pivot = -1;
  let occurrences: readonly number[] = [];
  for (let j = 0; j < lines.length; j++) {
    const at = table.get(lines[j] as string);
    if (!at) return [];
    if (pivot < 0 || at.length < occurrences.length) {
      pivot = j;
      occurrences = at;
    }
  }
  return occurrences.map((p) => p - pivot).filter((start) => linesEqualAt(index, start, lines));
}

/** Occurrences ignoring indentation, runs of spaces and blank lines; as line ranges. */
function whitespaceRanges(index: FileIndex, snippet: Snippet): LineRange[] {
  const wanted = snippet.nbText;
  if (wanted.length === 0) return [];
  const table = normalizedIndex(index);
  let pivot = -1;
  let occurrences: readonly number[] = [];
  for (let j = 0; j < wanted.length; j++) {
    const at = table.get(wanted[j] as string);
    if (!at) return [];
    if (pivot < 0 || at.length < occurrences.length) {
      pivot = j;
      occurrences = at;
    }
  }
  const ranges: LineRange[] = [];
  for (const p of occurrences) {
    const s = p - pivot;
    if (s < 0 || s + wanted.length > index.nbText.length) continue;
    if (wanted.every((line, i) => index.nbText[s + i] === line)) ranges.push(nbRange(index, s, s + wanted.length - 1, snippet));
  }
  return ranges;
}

/** The line range of nb positions first..last, widened by the snippet's own blank border lines. */
function nbRange(index: FileIndex, first: number, last: number, snippet: Snippet): LineRange {
  let startLine = index.nbLine[first] as number;
  let endLine = index.nbLine[last] as number;
  for (let n = 0; n < snippet.lead && startLine > 0 && normalizeLine(index.lines[startLine - 1] as string) === ''; n++) startLine--;
  for (let n = 0; n < snippet.trail && endLine + 1 < index.lines.length && normalizeLine(index.lines[endLine + 1] as string) === ''; n++) endLine++;
  return { startLine, endLine };
}

function firstTextLine(index: FileIndex, range: LineRange): number {
  return index.nbLine[index.nbFrom[range.startLine] ?? -1] ?? range.startLine;
}

function overlaps(a: LineRange, b: LineRange): boolean {
  return a.startLine <= b.endLine && b.startLine <= a.endLine;
}

function plausible(range: LineRange, hints: SearchHints): boolean {
  return hints.diffRegions === undefined || hints.diffRegions.some((region) => overlaps(range, region));
}

/**
 * Verbatim, else whitespace-insensitive: best context first, then nearest to the expected line.
 * Several copies and no context to choose by is no answer at all (ambiguous).
 */
function findVerbatim(index: FileIndex, snippet: Snippet, hints: SearchHints): { found?: Found; ambiguous: boolean } {
  const attempts: Array<[Found['kind'], () => LineRange[]]> = [
    ['exact', () => exactStarts(index, snippet.lines).map((s) => ({ startLine: s, endLine: s + snippet.lines.length - 1 }))],
    ['whitespace', () => whitespaceRanges(index, snippet)],
  ];
  let ambiguous = false;
  if (snippet.nbText.length === 0) return { ambiguous }; // blank lines are everywhere
  for (const [kind, search] of attempts) {
    const found = search().filter((range) => plausible(range, hints));
    // One copy of telling code is itself; among several copies, or for a plain snippet, only
    // context found on both sides says which one is the flagged one.
    const several = found.length > 1;
    const ranked = found
      .map((range) => ({ range, context: contextOfRange(index, range, snippet), distance: Math.abs(range.startLine - hints.expectedLine) }))
      .filter((c) => (!snippet.lowInfo && !several) || placesPlainSnippet(c.context))
      .sort((a, b) => b.context.matched - a.context.matched || a.distance - b.distance || a.range.startLine - b.range.startLine);
    const best = ranked[0];
    if (!best) {
      ambiguous ||= several;
      continue;
    }
    // Copies that only distance tells apart are named in the reason, never passed over silently.
    const ties = ranked.filter((c) => Math.abs(c.context.matched - best.context.matched) < 1e-9).length - 1;
    const share = informative(best.context) ? best.context.matched / best.context.total : 0;
    const shift = kind === 'exact' ? best.range.startLine - (hints.flaggedLine - snippet.lead) : firstTextLine(index, best.range) - hints.flaggedLine;
    // Verbatim beats any fuzzy score; between files, exact beats reindented, then context decides.
    return { found: { range: best.range, kind, ties, inPlace: false, score: (kind === 'exact' ? 2 : 1.5) + share, shift }, ambiguous };
  }
  return { ambiguous };
}

// Fuzzy search ---------------------------------------------------------------------------------

interface Window {
  readonly first: number;
  readonly last: number;
  readonly similarity: number;
  /** Summed similarity of the aligned lines. */
  readonly weight: number;
}

/**
 * The best window by line similarity. Positions are voted for by snippet lines found unchanged
 * (Hough-style: line j found at p votes for a start at p − j), or by shared rare names when no
 * line survived; only the top few starts, their neighbours and the expected position are
 * scored, so the cost does not grow with the file.
 */
function findFuzzy(index: FileIndex, snippet: Snippet, hints: SearchHints): { found?: Found; ambiguous: boolean } {
  const m = snippet.nbText.length;
  const n = index.nbText.length;
  if (m === 0 || n === 0) return { ambiguous: false };

  const votes = new Map<number, number>();
  const vote = (start: number, weight: number): void => {
    votes.set(start, (votes.get(start) ?? 0) + weight);
  };
  const lines = normalizedIndex(index);
  snippet.nbText.forEach((line, j) => {
    const at = lines.get(line);
    if (at && at.length <= MAX_VOTING_OCCURRENCES) for (const p of at) vote(p - j, 1 / at.length);
  });
  if (votes.size === 0) {
    const tokens = tokenIndex(index);
    snippet.nbText.forEach((line, j) => {
      for (const token of new Set(line.match(IDENTIFIER) ?? [])) {
        const at = tokens.get(token);
        if (at && at.length <= MAX_VOTING_OCCURRENCES / 2) for (const p of at) vote(p - j, 1 / at.length);
      }
    });
  }
  const ranked = [...votes].sort((a, b) => b[1] - a[1]);
  const strongest = ranked[0]?.[1] ?? 0;
  const seeds = ranked
    .filter(([, weight]) => weight >= strongest * MIN_SEED_SHARE)
    .slice(0, MAX_SEEDS)
    .map(([start]) => start);
  seeds.push(index.nbFrom[clamp(hints.expectedLine, 0, index.lines.length)] ?? 0);
  if (hints.mapped) seeds.push(index.nbFrom[hints.mapped.startLine] ?? 0);

  // Each seed and its neighbours (a changed first line shifts the vote by one). Starts whose
  // windows overlap share one similarity matrix, so no line pair is compared twice.
  const span = Math.max(1, Math.floor((m * 7) / 3));
  const starts = [...new Set(seeds.flatMap((seed) => [seed - 1, seed, seed + 1].map((start) => clamp(start, 0, n - 1))))].sort((a, b) => a - b);
  const weights = snippet.nbText.map((line) => lineWeight(index, line));
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const windows: Window[] = [];
  for (let i = 0; i < starts.length; ) {
    let j = i;
    while (j + 1 < starts.length && (starts[j + 1] as number) < (starts[j] as number) + span) j++;
    const from = starts[i] as number;
    const to = Math.min(n, (starts[j] as number) + span);
    const matrix = similarityMatrix(index, snippet, weights, from, to);
    for (let k = i; k <= j; k++) {
      const window = bestWindow(matrix, to - from, (starts[k] as number) - from, m, totalWeight, weightPrefix(index).subarray(from));
      if (window) windows.push({ ...window, first: window.first + from, last: window.last + from });
    }
    i = j + 1;
  }

  // Lines that all recur in this file (`return result;`, `}`) prove little: lean on context.
  const generic = snippet.lowInfo || snippet.nbText.every((line) => (lines.get(line)?.length ?? 0) > 1);
  const scored = windows
    .filter((w) => w.similarity >= MIN_SIMILARITY)
    .map((w) => {
      const range = nbRange(index, w.first, w.last, snippet);
      const context = contextAt(index, w.first, w.last, snippet);
      const contextWeight = !informative(context) ? 0 : generic ? 0.5 : 0.3;
      const share = contextWeight === 0 ? 0 : context.matched / context.total;
      const inPlace = hints.mapped !== undefined && overlaps(range, hints.mapped);
      const base = (1 - contextWeight) * w.similarity + contextWeight * share;
      const distance = Math.abs(range.startLine - hints.expectedLine);
      return { range, similarity: w.similarity, context, base, inPlace, score: base + (inPlace ? DIFF_BONUS : 0), distance };
    })
    .filter((c) => plausible(c.range, hints))
    .sort((a, b) => b.score - a.score || a.distance - b.distance);
  const best = scored[0];
  if (!best) return { ambiguous: false };
  // Without the diff's word that the lines were edited in place, the match needs its context
  // (both sides for generic lines), or to be nearly verbatim: copy-pasted code is similar too.
  const backed =
    best.inPlace ||
    (best.base >= MIN_SIMILARITY && (generic ? placesPlainSnippet(best.context) : supported(best.context) || best.context.none)) ||
    (!generic && best.similarity >= NEAR_VERBATIM);
  if (!backed) return { ambiguous: false };
  const runnerUp = scored.find((c) => !overlaps(c.range, best.range));
  if (runnerUp && best.score - runnerUp.score < CLEAR_LEAD) return { ambiguous: true };
  const shift = firstTextLine(index, best.range) - hints.flaggedLine;
  return { found: { range: best.range, kind: 'fuzzy', ties: 0, inPlace: best.inPlace, score: best.score, shift }, ambiguous: false };
}

/**
 * Line similarity of every snippet line j with every file nb position from..to−1, row-major,
 * times the snippet line's weight. Below LINE_FLOOR a pair counts as nothing: unrelated lines
 * share bigrams ("const ", "return "), and a look-alike is not an edit.
 */
function similarityMatrix(index: FileIndex, snippet: Snippet, weights: readonly number[], from: number, to: number): Float32Array {
  const width = to - from;
  const matrix = new Float32Array(snippet.nbText.length * width);
  snippet.nbText.forEach((line, j) => {
    const words = (snippet.words[j] ??= wordsOf(line));
    for (let p = from; p < to; p++) {
      const other = index.nbText[p] as string;
      let value = 0;
      if (line === other) value = 1;
      else {
        // The mean of word Dice (templated lines differ in their names and numbers) and bigram
        // Dice (a renamed identifier keeps most bigrams); the cheaper word half decides first
        // whether the pair can reach the floor at all.
        const byWords = wordDice(words, wordsAt(index, p));
        if ((byWords + 1) / 2 >= LINE_FLOOR) value = (byWords + dice((snippet.grams[j] ??= bigrams(line)), gramsAt(index, p))) / 2;
      }
      matrix[j * width + (p - from)] = value < LINE_FLOOR ? 0 : value * (weights[j] as number);
    }
  });
  return matrix;
}

/**
 * Weighted LCS of the snippet's lines against the matrix columns from `offset`, for every window
 * length at once (the DP's last row), scored as a weighted Dice ratio over lines:
 * 2·matched / (snippet weight + window weight), lines weighted by how telling they are here
 * (lineWeight): a copy-pasted neighbour matches on its common lines but not on the telling ones. Lines inserted into or deleted from the snippet cost a little; windows longer than
 * 7/3 of the snippet can't reach MIN_SIMILARITY and are not tried.
 */
function bestWindow(matrix: Float32Array, width: number, offset: number, m: number, snippetWeight: number, prefix: Float64Array): Window | undefined {
  const length = Math.min(width - offset, Math.max(1, Math.floor((m * 7) / 3)));
  let previous = new Float64Array(length + 1);
  let row = new Float64Array(length + 1);
  for (let j = 0; j < m; j++) {
    const base = j * width + offset - 1;
    row[0] = 0;
    for (let k = 1; k <= length; k++) {
      const diagonal = (previous[k - 1] as number) + (matrix[base + k] as number);
      row[k] = Math.max(previous[k] as number, row[k - 1] as number, diagonal);
    }
    [previous, row] = [row, previous];
  }
  let best: Window | undefined;
  for (let k = 1; k <= length; k++) {
    const weight = previous[k] as number;
    const score = (2 * weight) / (snippetWeight + (prefix[offset + k] as number) - (prefix[offset] as number));
    // On a tie the window holding more of the snippet wins: lines inserted into it stay inside.
    if (!best || score > best.similarity + 1e-9 || (score > best.similarity - 1e-9 && weight > best.weight)) {
      best = { first: offset, last: offset + k - 1, similarity: score, weight };
    }
  }
  return best && best.similarity > 0 ? best : undefined;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}
