/**
 * Re-location without history: the flagged lines where they were, else the snippet found again
 * by text (verbatim, re-whitespaced, then fuzzy), in this file or in others; and the status
 * text the user sees. Pure.
 */
import { addedRanges, mapRangeThroughDiff, type FileDiff, type LineRange, type MappedRange } from '../unifiedDiff';
import { findFuzzy } from './fuzzy';
import { relocateThroughHistory, type AnchorHistory } from './history';
import { IDENTIFIER, indexOf, linesEqualAt } from './lineIndex';
import type { AnchorLocation, AnchorStatus, CodeAnchor, SourceFile } from './model';
import { contextOfRange, placesPlainSnippet, snippetOf, supported, type Found, type SearchHints, type Snippet } from './search';
import { exactStarts, findVerbatim } from './verbatim';


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
        : supported(contextOfRange(index, original, snippet)) || exactStarts(index, snippet).length === 1)
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
export function located(anchor: CodeAnchor, path: string, found: Found, diff: FileDiff | undefined): AnchorLocation {
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
  if (found.kind === 'fuzzy') return { status: 'changed', path, range, reason: say('code changed since it was flagged'), verbatim: false };
  const status: AnchorStatus = moves.length === 0 ? 'exact' : 'moved';
  const candidates = found.ties > 0 ? { candidates: found.ties + 1 } : {};
  if (found.kind === 'whitespace') return { status, path, range, reason: say('only whitespace changed'), verbatim: false, ...candidates };
  return { status, path, range, reason: say() || 'unchanged', verbatim: true, ...candidates };
}

/** For a cheap pre-check of other files: a verbatim or close match shares one of these names. */
function longestNames(snippet: Snippet): string[] {
  return [...new Set(snippet.lines.join(' ').match(IDENTIFIER) ?? [])].sort((a, b) => b.length - a.length).slice(0, 3);
}


/**
 * The product's re-location: through the history from the flagged commit when there is one that
 * describes the anchor (see relocateThroughHistory), else by text, with `diff` as a hint.
 */
export function locateAnchor(
  anchor: CodeAnchor,
  current: SourceFile | undefined,
  history?: AnchorHistory,
  diff?: () => FileDiff | undefined,
): AnchorLocation {
  return (history && relocateThroughHistory(anchor, current, history)) ?? relocateAnchor(anchor, current, diff?.());
}
