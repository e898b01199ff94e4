import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import {
  captureAnchor,
  normalizeRemoteUrl,
  prepareFile,
  relocateAnchor,
  splitLines,
  type AnchorLocation,
  type AnchorStatus,
  type CodeAnchor,
  type LineRange,
} from '../../src/core/codeAnchor';
import { fileDiffFor, mapRangeThroughDiff, parseUnifiedDiff, type FileDiff } from '../../src/core/unifiedDiff';
import { buildRelocationWorkload, runRelocationWorkload } from './anchor-corpus/relocationWorkload';

// Compiled to out/test/unit; the corpus stays in the sources.
const CORPUS = path.resolve(__dirname, '..', '..', '..', 'test', 'unit', 'anchor-corpus');
const CHECKOUT = readFileSync(path.join(CORPUS, 'checkout.ts.txt'), 'utf8');
const PRICING = readFileSync(path.join(CORPUS, 'pricing.ts.txt'), 'utf8');

// --- git in a throw-away repo, isolated from the user's config ------------------------------

const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@e', '-c', 'core.autocrlf=false', ...args], { cwd, encoding: 'utf8', env: GIT_ENV });
}

function newRepo(files: Record<string, string>): { root: string; commit: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'mentorship-anchor-'));
  git(root, 'init', '--quiet', '--initial-branch', 'main');
  for (const [file, text] of Object.entries(files)) write(root, file, text);
  git(root, 'add', '-A');
  git(root, 'commit', '--quiet', '-m', 'base');
  return { root, commit: git(root, 'rev-parse', 'HEAD').trim() };
}

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

/** What the extension will run: the working tree against the flagged commit, renames detected. */
function gitDiff(root: string, commit: string, ...extra: string[]): string {
  return git(root, 'diff', '-U0', '-M', '--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/', ...extra, commit, '--');
}

// --- text edits, by 0-based line ---------------------------------------------------------------

function edit(text: string, change: (lines: string[]) => void): string {
  const lines = text.split('\n'); // the final '' keeps the trailing newline
  change(lines);
  return lines.join('\n');
}

const insertAt = (text: string, line: number, ...added: string[]): string => edit(text, (l) => l.splice(line, 0, ...added));
const deleteLines = (text: string, first: number, last: number): string => edit(text, (l) => l.splice(first, last - first + 1));
const replaceLine = (text: string, line: number, from: string | RegExp, to: string): string =>
  edit(text, (l) => {
    const before = l[line] ?? '';
    const after = before.replace(from, to);
    assert.notEqual(after, before, `line ${line} "${before}" has no ${String(from)}`);
    l[line] = after;
  });
const reindent = (text: string, first: number, last: number, by: number): string =>
  edit(text, (l) => {
    for (let i = first; i <= last; i++) l[i] = (l[i] ?? '') === '' ? '' : ' '.repeat(by) + (l[i] ?? '');
  });
const linesOf = (text: string, first: number, last: number): string[] => text.split('\n').slice(first, last + 1);
const appendLines = (text: string, ...added: string[]): string => edit(text, (l) => l.splice(l.length - 1, 0, ...added));

// --- the corpus ----------------------------------------------------------------------------

interface Expectation {
  readonly status: AnchorStatus;
  readonly path?: string; // default src/checkout.ts
  readonly range?: readonly [number, number]; // 0-based, inclusive; absent for 'gone'
  readonly reason?: RegExp;
}

interface Workspace {
  read(file: string): string;
  write(file: string, text: string): void;
  git(...args: string[]): string;
}

interface CorpusCase {
  readonly name: string;
  /** 0-based lines of src/checkout.ts that were flagged. */
  readonly flag: readonly [number, number];
  /** An uncommitted edit of src/checkout.ts present when the code was flagged (a dirty anchor). */
  readonly dirty?: (checkout: string) => string;
  readonly change: (ws: Workspace) => void;
  readonly expect: Expectation;
  /** When only the text is known (no commit, no diff); default: the same as `expect`. */
  readonly withoutDiff?: Expectation;
}

const FILE = 'src/checkout.ts';
const OTHER = 'src/pricing.ts';
const on = (ws: Workspace, change: (text: string) => string): void => ws.write(FILE, change(ws.read(FILE)));

// Base file, 0-based: calculateSubtotal 23–29, shippingFor 31–36 (`return 0;` at 33),
// loyaltyPointsFor 38–43 (`return 0;` at 40), validateCart 45–54 (empty-cart check 46–48),
// summarize 56–63, placeOrder 65–81 (the same empty-cart check 66–68, fetch call 71–75),
// formatPrice 83–85, formatDate 87–89, retry 91–102, roundCents 104–106. 107 lines.
const CASES: readonly CorpusCase[] = [
  {
    name: 'unchanged file',
    flag: [56, 63],
    change: () => undefined,
    expect: { status: 'exact', range: [56, 63], reason: /^unchanged$/ },
  },
  {
    name: 'edits elsewhere, same line count',
    flag: [56, 63],
    change: (ws) => on(ws, (t) => replaceLine(replaceLine(t, 21, '0.2', '0.25'), 87, "'en-US'", "'en-GB'")),
    expect: { status: 'exact', range: [56, 63] },
  },
  {
    name: 'lines inserted above',
    flag: [71, 75],
    change: (ws) =>
      on(ws, (t) =>
        insertAt(
          insertAt(t, 22, 'function assertPositive(value: number): void {', '  if (value < 0) {', "    throw new RangeError('negative');", '  }', '}'),
          3,
          "import { metrics } from './metrics';",
          "import { tracer } from './tracer';",
        ),
      ),
    expect: { status: 'moved', range: [78, 82], reason: /^moved down 7 lines$/ },
  },
  {
    name: 'lines deleted above',
    flag: [91, 102],
    change: (ws) => on(ws, (t) => deleteLines(t, 38, 44)),
    expect: { status: 'moved', range: [84, 95], reason: /^moved up 7 lines$/ },
  },
  {
    name: 'function renamed inside the snippet (and a line inserted above)',
    flag: [23, 29],
    change: (ws) =>
      on(ws, (t) => insertAt(replaceLine(replaceLine(t, 23, 'calculateSubtotal', 'computeSubtotal'), 57, 'calculateSubtotal', 'computeSubtotal'), 3, "import { tracer } from './tracer';")),
    expect: { status: 'changed', range: [24, 30], reason: /code changed since it was flagged/ },
  },
  {
    name: 'block moved within the file',
    flag: [83, 85],
    change: (ws) => on(ws, (t) => appendLines(deleteLines(t, 83, 86), '', ...linesOf(t, 83, 85))),
    expect: { status: 'moved', range: [104, 106], reason: /^moved down 21 lines$/ },
  },
  {
    name: 'block moved to another file',
    flag: [91, 102],
    change: (ws) => {
      const moved = linesOf(ws.read(FILE), 91, 102);
      on(ws, (t) => deleteLines(t, 90, 102));
      ws.write(OTHER, appendLines(ws.read(OTHER), '', ...moved));
    },
    expect: { status: 'moved', path: OTHER, range: [12, 23], reason: /^moved to src\/pricing\.ts$/ },
  },
  {
    name: 'code deleted (a look-alike function stays)',
    flag: [87, 89],
    change: (ws) => on(ws, (t) => deleteLines(t, 86, 89)),
    expect: { status: 'gone', reason: /code no longer found/ },
  },
  {
    name: 'a one-line `return 0;` deleted while another `return 0;` stays',
    flag: [33, 33],
    change: (ws) => on(ws, (t) => deleteLines(t, 32, 34)),
    expect: { status: 'gone' },
  },
  {
    name: 'a one-line `return 0;` with lines inserted above (its twin has other context)',
    flag: [33, 33],
    change: (ws) => on(ws, (t) => insertAt(t, 3, "import { tracer } from './tracer';", '')),
    expect: { status: 'moved', range: [35, 35], reason: /^moved down 2 lines$/ },
  },
  {
    name: 'reindented in place (2 → 4 spaces)',
    flag: [45, 54],
    change: (ws) => on(ws, (t) => reindent(t, 46, 53, 2)),
    expect: { status: 'exact', range: [45, 54], reason: /^only whitespace changed$/ },
  },
  {
    name: 'wrapped in a new block: reindented and one line down',
    flag: [49, 53],
    change: (ws) => on(ws, (t) => insertAt(insertAt(reindent(t, 49, 53, 2), 54, '  }'), 49, '  if (cart.strict) {')),
    expect: { status: 'moved', range: [50, 54], reason: /^moved down 1 line; only whitespace changed$/ },
  },
  {
    name: 'blank line inserted inside the snippet',
    flag: [56, 63],
    change: (ws) => on(ws, (t) => insertAt(t, 61, '')),
    expect: { status: 'exact', range: [56, 64], reason: /^only whitespace changed$/ },
  },
  {
    name: 'file renamed (git mv) and a line inserted at the top',
    flag: [104, 106],
    change: (ws) => {
      ws.git('mv', FILE, 'src/checkoutService.ts');
      ws.write('src/checkoutService.ts', insertAt(ws.read('src/checkoutService.ts'), 0, '// Checkout: totals, validation and order placement.'));
    },
    expect: { status: 'moved', path: 'src/checkoutService.ts', range: [105, 107], reason: /^file renamed to src\/checkoutService\.ts, moved down 1 line$/ },
    withoutDiff: { status: 'moved', path: 'src/checkoutService.ts', range: [105, 107], reason: /^moved to src\/checkoutService\.ts$/ },
  },
  {
    name: 'file renamed without edits (100% similarity)',
    flag: [91, 102],
    change: (ws) => ws.git('mv', FILE, 'src/orders.ts'),
    expect: { status: 'moved', path: 'src/orders.ts', range: [91, 102], reason: /^file renamed to src\/orders\.ts$/ },
    withoutDiff: { status: 'moved', path: 'src/orders.ts', range: [91, 102], reason: /^moved to src\/orders\.ts$/ },
  },
  {
    name: 'duplicate snippet: the second copy, pushed further away than the first copy is',
    flag: [66, 68],
    change: (ws) =>
      on(ws, (t) =>
        insertAt(t, 56, ...Array.from({ length: 40 }, (_, i) => (i === 0 ? 'export function audit(cart: Cart): void {' : i === 39 ? '}' : `  logger.debug('audit ${i}', { cart: cart.id });`))),
      ),
    expect: { status: 'moved', range: [106, 108], reason: /^moved down 40 lines$/ },
  },
  {
    name: 'duplicate snippet: the first copy, lines inserted above both',
    flag: [46, 48],
    change: (ws) => on(ws, (t) => insertAt(t, 3, "import { tracer } from './tracer';", "import { metrics } from './metrics';", '')),
    expect: { status: 'moved', range: [49, 51], reason: /^moved down 3 lines$/ },
  },
  {
    name: 'edits inside the snippet (a line changed, a line added)',
    flag: [65, 81],
    change: (ws) =>
      on(ws, (t) => insertAt(replaceLine(t, 70, 'total: summary.total }', 'total: summary.total, items: cart.items.length }'), 70, '  const started = Date.now();')),
    expect: { status: 'changed', range: [65, 82] },
  },
  {
    name: 'edited inside and moved up',
    flag: [56, 63],
    change: (ws) => on(ws, (t) => deleteLines(replaceLine(t, 60, 'TAX_RATE', 'taxRateFor(cart.country)'), 38, 44)),
    expect: { status: 'changed', range: [49, 56] },
  },
  {
    name: 'dirty anchor: flagged with uncommitted lines above, which were later replaced',
    flag: [94, 105],
    dirty: (t) => insertAt(t, 0, '// TODO(sam): ask Alex about retries', '// - backoff?', '// - jitter?'),
    change: (ws) => {
      ws.git('checkout', '--', FILE);
      on(ws, (t) => insertAt(t, 0, '// Checkout service.', ''));
    },
    expect: { status: 'moved', range: [93, 104], reason: /^moved up 1 line$/ },
  },
  {
    name: 'reformatted inside lines (quotes and spacing)',
    flag: [83, 85],
    change: (ws) => on(ws, (t) => replaceLine(replaceLine(t, 84, "{ style: 'currency', currency }", '{style: "currency", currency}'), 83, "'USD'", '"USD"')),
    expect: { status: 'changed', range: [83, 85], reason: /^code changed since it was flagged$/ },
  },
  {
    name: 'edited in place while a look-alike function stays next to it',
    flag: [87, 89],
    change: (ws) => on(ws, (t) => replaceLine(t, 88, "dateStyle: 'medium'", "dateStyle: 'long', timeStyle: 'short'")),
    expect: { status: 'changed', range: [87, 89] },
  },
  {
    name: 'renamed and moved to the end of the file',
    flag: [23, 29],
    change: (ws) => on(ws, (t) => appendLines(deleteLines(t, 23, 30), '', ...linesOf(t, 23, 29).map((l) => l.replace('calculateSubtotal', 'subtotalOf')))),
    expect: { status: 'changed', range: [100, 106], reason: /^moved down 77 lines; code changed since it was flagged$/ },
  },
  {
    name: 'moved to another file and edited there',
    flag: [91, 102],
    change: (ws) => {
      const moved = linesOf(ws.read(FILE), 91, 102).map((l) => l.replace('logger.warn', 'console.warn'));
      on(ws, (t) => deleteLines(t, 90, 102));
      ws.write(OTHER, appendLines(ws.read(OTHER), '', ...moved));
    },
    expect: { status: 'changed', path: OTHER, range: [12, 23], reason: /^moved to src\/pricing\.ts; code changed since it was flagged$/ },
  },
  {
    name: 'imports at the top of the file, a line inserted before them',
    flag: [0, 2],
    change: (ws) => on(ws, (t) => insertAt(t, 0, "'use strict';")),
    expect: { status: 'moved', range: [1, 3], reason: /^moved down 1 line$/ },
  },
  {
    name: 'the last function, lines appended after it',
    flag: [104, 106],
    change: (ws) => on(ws, (t) => appendLines(t, '', 'export const VERSION = 2;')),
    expect: { status: 'exact', range: [104, 106], reason: /^unchanged$/ },
  },
  {
    name: 'file deleted, code nowhere else',
    flag: [87, 89],
    change: (ws) => ws.git('rm', '--quiet', FILE),
    expect: { status: 'gone', reason: /^file deleted$/ },
  },
  {
    name: 'file deleted, the function survives in another file',
    flag: [83, 85],
    change: (ws) => {
      const kept = linesOf(ws.read(FILE), 83, 85);
      ws.git('rm', '--quiet', FILE);
      ws.write(OTHER, insertAt(ws.read(OTHER), 4, ...kept, ''));
    },
    expect: { status: 'moved', path: OTHER, range: [4, 6], reason: /^moved to src\/pricing\.ts$/ },
  },
];

interface Outcome {
  readonly name: string;
  readonly mode: 'with diff' | 'text only';
  readonly ok: boolean;
  readonly got: AnchorLocation;
}

function matches(got: AnchorLocation, want: Expectation): boolean {
  const range = got.range ? [got.range.startLine, got.range.endLine] : undefined;
  return (
    got.status === want.status &&
    got.path === (want.path ?? FILE) &&
    JSON.stringify(range) === JSON.stringify(want.range) &&
    (want.reason === undefined || want.reason.test(got.reason))
  );
}

describe('core/codeAnchor relocation corpus', () => {
  let repo: { root: string; commit: string };
  const outcomes: Outcome[] = [];

  before(() => {
    repo = newRepo({ [FILE]: CHECKOUT, [OTHER]: PRICING });
  });
  after(() => rmSync(repo.root, { recursive: true, force: true }));

  function run(c: CorpusCase): { withDiff: AnchorLocation; textOnly: AnchorLocation } {
    git(repo.root, 'reset', '--quiet', '--hard', repo.commit);
    git(repo.root, 'clean', '--quiet', '-fdx');
    const ws: Workspace = {
      read: (file) => readFileSync(path.join(repo.root, file), 'utf8'),
      write: (file, text) => write(repo.root, file, text),
      git: (...args) => git(repo.root, ...args),
    };
    if (c.dirty) on(ws, c.dirty);
    const fileText = ws.read(FILE);
    const range = { startLine: c.flag[0], endLine: c.flag[1] };
    const anchor = captureAnchor({ repository: 'github.com/acme/shop', commit: repo.commit, dirty: c.dirty !== undefined, path: FILE, fileText, range, language: 'typescript' });
    c.change(ws);

    const diff = fileDiffFor(parseUnifiedDiff(gitDiff(repo.root, repo.commit)), FILE);
    const files = readdirSync(path.join(repo.root, 'src')).map((name) => `src/${name}`);
    const read = (file: string): { path: string; text: string } | undefined => (existsSync(path.join(repo.root, file)) ? { path: file, text: ws.read(file) } : undefined);
    const currentPath = diff ? diff.newPath : FILE;
    const current = currentPath === undefined ? undefined : read(currentPath);
    const others = files.filter((f) => f !== currentPath).map((f) => ({ path: f, text: ws.read(f) }));
    const withDiff = relocateAnchor(anchor, current, diff, others);
    // Text only: no commit to diff against, so a renamed file is just "another file".
    const plain = read(FILE);
    const textOnly = relocateAnchor(
      { ...anchor, commit: undefined },
      plain,
      undefined,
      files.filter((f) => f !== FILE).map((f) => ({ path: f, text: ws.read(f) })),
    );
    return { withDiff, textOnly };
  }

  for (const c of CASES) {
    it(c.name, () => {
      const { withDiff, textOnly } = run(c);
      const textOnlyWant = c.withoutDiff ?? c.expect;
      outcomes.push({ name: c.name, mode: 'with diff', ok: matches(withDiff, c.expect), got: withDiff });
      outcomes.push({ name: c.name, mode: 'text only', ok: matches(textOnly, textOnlyWant), got: textOnly });
      assert.ok(matches(withDiff, c.expect), `with diff: got ${JSON.stringify(withDiff)}, want ${JSON.stringify({ ...c.expect, reason: String(c.expect.reason) })}`);
      assert.ok(matches(textOnly, textOnlyWant), `text only: got ${JSON.stringify(textOnly)}, want ${JSON.stringify({ ...textOnlyWant, reason: String(textOnlyWant.reason) })}`);
    });
  }

  it('is right on every case of the corpus (status, path and range)', () => {
    const right = outcomes.filter((o) => o.ok).length;
    const accuracy = right / (CASES.length * 2);
    console.log(`      anchor corpus accuracy: ${right}/${CASES.length * 2} = ${accuracy.toFixed(3)} (${CASES.length} edit kinds, with diff and text only)`);
    // ANCHOR_CORPUS_VERBOSE=1 lists every outcome, not only the wrong ones.
    for (const o of outcomes.filter((x) => !x.ok || process.env.ANCHOR_CORPUS_VERBOSE)) {
      console.log(`      ${o.ok ? '✓' : '✗'} ${o.name} (${o.mode}): ${o.got.status} ${o.got.path} ${JSON.stringify(o.got.range)} — ${o.got.reason}`);
    }
    assert.equal(accuracy, 1);
  });
});

describe('core/codeAnchor relocateAnchor', () => {
  const text = ['function a() {', '  return 1;', '}', '', 'function b() {', '  return 2;', '}', ''].join('\n');
  const anchorOn = (fileText: string, startLine: number, endLine: number, extra: Partial<CodeAnchor> = {}): CodeAnchor => ({
    ...captureAnchor({ repository: 'r', dirty: false, path: 'x.ts', fileText, range: { startLine, endLine } }),
    ...extra,
  });

  it('says "file deleted" when there is no current file and no other candidate', () => {
    assert.deepEqual(relocateAnchor(anchorOn(text, 4, 6), undefined), { status: 'gone', path: 'x.ts', reason: 'file deleted' });
  });

  it('reuses a prepared file across anchors and gives the same answers', () => {
    const edited = `// header\n${text}`;
    const prepared = prepareFile({ path: 'x.ts', text: edited });
    assert.equal(prepared.lines.length, 8);
    for (const [s, e] of [[0, 2], [4, 6]] as const) {
      assert.deepEqual(relocateAnchor(anchorOn(text, s, e), prepared), relocateAnchor(anchorOn(text, s, e), { path: 'x.ts', text: edited }));
      assert.deepEqual(relocateAnchor(anchorOn(text, s, e), prepared).range, { startLine: s + 1, endLine: e + 1 });
    }
  });

  it('does not trust an untouched diff whose lines differ from the snippet (wrong base), and searches instead', () => {
    const moved = `x\ny\n${text}`;
    const wrongDiff: FileDiff = { oldPath: 'x.ts', newPath: 'x.ts', change: 'modified', binary: false, hunks: [] };
    const location = relocateAnchor(anchorOn(text, 4, 6), { path: 'x.ts', text: moved }, wrongDiff);
    assert.equal(location.status, 'moved');
    assert.deepEqual(location.range, { startLine: 6, endLine: 8 });
  });

  it('says so when identical copies without context are equally near, choosing the first', () => {
    const base = ['a();', 'b();', 'doTheSameThingAgain(argument);', 'c();', ''].join('\n');
    const anchor = { ...anchorOn(base, 2, 2), contextBefore: [], contextAfter: [] };
    const edited = ['z();', 'doTheSameThingAgain(argument);', 'q();', 'doTheSameThingAgain(argument);', ''].join('\n');
    const location = relocateAnchor(anchor, { path: 'x.ts', text: edited });
    assert.equal(location.status, 'moved');
    assert.deepEqual(location.range, { startLine: 1, endLine: 1 });
    assert.match(location.reason, /the same code is in 2 places/);
  });

  it('gives up (gone) rather than choosing between two equally similar edited copies', () => {
    const base = ['function first() {', '  const value = computeTheThing(alpha, beta);', '  return value * 2;', '}', ''].join('\n');
    const anchor = { ...anchorOn(base, 1, 2), contextBefore: [], contextAfter: [] };
    const edited = ['function first() {', '  const value = computeTheThings(alpha, beta);', '  return value * 3;', '}', 'function second() {', '  const value = computeTheThings(alpha, beta);', '  return value * 3;', '}', ''].join('\n');
    const location = relocateAnchor(anchor, { path: 'x.ts', text: edited });
    assert.equal(location.status, 'gone');
    assert.match(location.reason, /several places look alike/);
  });

  it('finds a snippet in a file with CRLF line endings', () => {
    const location = relocateAnchor(anchorOn(text, 4, 6), { path: 'x.ts', text: text.replace(/\n/g, '\r\n') });
    assert.deepEqual(location, { status: 'exact', path: 'x.ts', range: { startLine: 4, endLine: 6 }, reason: 'unchanged', verbatim: true });
  });
});

describe('core/codeAnchor captureAnchor', () => {
  const fileText = ['line 0', 'line 1', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6', ''].join('\n');
  const capture = (startLine: number, endLine: number, extra: { contextLines?: number; path?: string; fileText?: string } = {}): CodeAnchor =>
    captureAnchor({ repository: 'github.com/acme/shop', commit: 'abc', dirty: false, path: extra.path ?? 'src/a.ts', fileText: extra.fileText ?? fileText, range: { startLine, endLine }, ...(extra.contextLines !== undefined ? { contextLines: extra.contextLines } : {}) });

  it('keeps whole lines and three lines of context on each side', () => {
    const anchor = capture(3, 4);
    assert.equal(anchor.snippet, 'line 3\nline 4');
    assert.deepEqual(anchor.contextBefore, ['line 0', 'line 1', 'line 2']);
    assert.deepEqual(anchor.contextAfter, ['line 5', 'line 6']);
    assert.deepEqual(anchor.range, { startLine: 3, endLine: 4 });
  });

  it('has no context before at the start of the file and none after at its end (no phantom last line)', () => {
    assert.deepEqual(capture(0, 0).contextBefore, []);
    assert.deepEqual(capture(0, 0).contextAfter, ['line 1', 'line 2', 'line 3']);
    const last = capture(6, 6);
    assert.deepEqual(last.contextAfter, []);
    assert.deepEqual(last.contextBefore, ['line 3', 'line 4', 'line 5']);
  });

  it('honours contextLines, clamps the range into the file and orders reversed ends', () => {
    assert.deepEqual(capture(3, 3, { contextLines: 1 }).contextBefore, ['line 2']);
    assert.deepEqual(capture(5, 99).range, { startLine: 5, endLine: 6 });
    assert.deepEqual(capture(4, 2).range, { startLine: 2, endLine: 4 });
  });

  it('reads CRLF files, normalizes the path and leaves out absent optional fields', () => {
    const anchor = capture(1, 2, { fileText: 'a\r\nb\r\nc\r\nd\r\n', path: '.\\src\\win\\a.ts' });
    assert.equal(anchor.snippet, 'b\nc');
    assert.deepEqual(anchor.contextBefore, ['a']);
    assert.deepEqual(anchor.contextAfter, ['d']);
    assert.equal(anchor.path, 'src/win/a.ts');
    assert.equal('language' in anchor, false);
    const outside = captureAnchor({ repository: 'shop', dirty: true, path: 'a.ts', fileText: 'x\n', range: { startLine: 0, endLine: 0 } });
    assert.equal('commit' in outside, false);
  });

  it('splits lines like an editor, without a phantom line after the final newline', () => {
    assert.deepEqual(splitLines(''), []);
    assert.deepEqual(splitLines('a\n'), ['a']);
    assert.deepEqual(splitLines('a\n\n'), ['a', '']);
    assert.deepEqual(splitLines('a\r\nb\rc'), ['a', 'b', 'c']);
  });
});

describe('core/codeAnchor normalizeRemoteUrl', () => {
  const cases: Array<[string, string]> = [
    ['git@github.com:Org/Repo.git', 'github.com/org/repo'],
    ['https://github.com/org/repo', 'github.com/org/repo'],
    ['https://github.com/org/repo.git/', 'github.com/org/repo'],
    ['ssh://git@github.com/org/repo.git', 'github.com/org/repo'],
    ['ssh://git@GitHub.com:22/org/repo.git', 'github.com/org/repo'],
    ['https://sam:ghp_token@github.com/org/repo.git', 'github.com/org/repo'],
    ['https://gitlab.example.com:8443/group/sub/project.git', 'gitlab.example.com/group/sub/project'],
    ['git+ssh://git@bitbucket.org/team/app.git', 'bitbucket.org/team/app'],
    ['  github.com:org/repo  ', 'github.com/org/repo'],
    ['/srv/git/Notes.git', '/srv/git/Notes'],
    ['file:///srv/git/Notes.git', '/srv/git/Notes'],
  ];
  for (const [url, want] of cases) {
    it(`${url} → ${want}`, () => assert.equal(normalizeRemoteUrl(url), want));
  }
});

describe('core/unifiedDiff parseUnifiedDiff (real git output)', () => {
  let repo: { root: string; commit: string };
  const numbers = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`);

  before(() => {
    repo = newRepo({
      'edit.txt': `${numbers.join('\n')}\n`,
      'gone.txt': 'bye\n',
      'renamed.txt': `${numbers.join('\n')}\n`,
      'moved.txt': 'same\ncontent\n',
      'with space.txt': 'a\nb\n',
      'ünï.txt': 'x\n',
      'nonl.txt': 'x\ny',
      'query.sql': 'select 1;\n-- old comment\nselect 2;\n',
    });
    const r = repo.root;
    // edit.txt: replace line 2, insert 2 lines after line 5, delete lines 9–10.
    write(r, 'edit.txt', `${['line 1', 'line TWO', 'line 3', 'line 4', 'line 5', 'new a', 'new b', 'line 6', 'line 7', 'line 8', 'line 11', 'line 12'].join('\n')}\n`);
    git(r, 'rm', '--quiet', 'gone.txt');
    write(r, 'added.txt', 'hello\nworld\n');
    git(r, 'add', '--intent-to-add', 'added.txt');
    mkdirSync(path.join(r, 'src'));
    git(r, 'mv', 'renamed.txt', 'src/renamed2.txt');
    write(r, 'src/renamed2.txt', `${['line 0', ...numbers].join('\n')}\n`);
    git(r, 'mv', 'moved.txt', 'moved-too.txt');
    write(r, 'with space.txt', 'a\nB\n');
    write(r, 'ünï.txt', 'y\n');
    write(r, 'nonl.txt', 'x\nz');
    write(r, 'query.sql', 'select 1;\n-- new comment\n++ not a header\nselect 2;\n');
  });
  after(() => rmSync(repo.root, { recursive: true, force: true }));

  const byPath = (diffs: FileDiff[], p: string): FileDiff => {
    const found = fileDiffFor(diffs, p);
    assert.ok(found, `no diff for ${p}`);
    return found;
  };

  it('reads modified files as 0-based change blocks (omitted counts mean 1)', () => {
    const edit = byPath(parseUnifiedDiff(gitDiff(repo.root, repo.commit)), 'edit.txt');
    assert.equal(edit.change, 'modified');
    assert.deepEqual(edit.hunks, [
      { oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, removed: ['line 2'], added: ['line TWO'] },
      { oldStart: 5, oldLines: 0, newStart: 5, newLines: 2, removed: [], added: ['new a', 'new b'] },
      { oldStart: 8, oldLines: 2, newStart: 10, newLines: 0, removed: ['line 9', 'line 10'], added: [] },
    ]);
  });

  it('reads added and deleted files (/dev/null, new file, deleted file)', () => {
    const diffs = parseUnifiedDiff(gitDiff(repo.root, repo.commit));
    const added = byPath(diffs, 'added.txt');
    assert.equal(added.change, 'added');
    assert.equal(added.oldPath, undefined);
    assert.deepEqual(added.hunks, [{ oldStart: 0, oldLines: 0, newStart: 0, newLines: 2, removed: [], added: ['hello', 'world'] }]);
    const gone = byPath(diffs, 'gone.txt');
    assert.equal(gone.change, 'deleted');
    assert.equal(gone.newPath, undefined);
    assert.deepEqual(gone.hunks, [{ oldStart: 0, oldLines: 1, newStart: 0, newLines: 0, removed: ['bye'], added: [] }]);
  });

  it('reads renames with and without edits (similarity index, rename from/to)', () => {
    const diffs = parseUnifiedDiff(gitDiff(repo.root, repo.commit));
    const renamed = byPath(diffs, 'renamed.txt');
    assert.equal(renamed.change, 'renamed');
    assert.equal(renamed.newPath, 'src/renamed2.txt');
    assert.ok((renamed.similarity ?? 0) >= 50);
    assert.deepEqual(renamed.hunks, [{ oldStart: 0, oldLines: 0, newStart: 0, newLines: 1, removed: [], added: ['line 0'] }]);
    const pure = byPath(diffs, 'moved.txt');
    assert.deepEqual(pure, { oldPath: 'moved.txt', newPath: 'moved-too.txt', change: 'renamed', similarity: 100, binary: false, hunks: [] });
  });

  it('reads names with spaces (trailing tab) and quoted non-ASCII names', () => {
    const diffs = parseUnifiedDiff(gitDiff(repo.root, repo.commit));
    assert.equal(byPath(diffs, 'with space.txt').newPath, 'with space.txt');
    const unicode = byPath(diffs, 'ünï.txt');
    assert.equal(unicode.newPath, 'ünï.txt');
    assert.deepEqual(unicode.hunks[0]?.added, ['y']);
  });

  it('skips "\\ No newline at end of file" and reads removed "-- x" / added "++ x" lines as content', () => {
    const diffs = parseUnifiedDiff(gitDiff(repo.root, repo.commit));
    assert.deepEqual(byPath(diffs, 'nonl.txt').hunks, [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, removed: ['y'], added: ['z'] }]);
    const sql = byPath(diffs, 'query.sql');
    assert.deepEqual(sql.hunks, [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 2, removed: ['-- old comment'], added: ['-- new comment', '++ not a header'] }]);
    assert.equal(diffs.length, 10 - 1); // every file once; nothing read from hunk bodies as a header
  });

  it('splits hunks printed with context (-U3) into the same change blocks as -U0', () => {
    assert.deepEqual(parseUnifiedDiff(gitDiff(repo.root, repo.commit, '-U3')), parseUnifiedDiff(gitDiff(repo.root, repo.commit)));
  });

  it('strips other prefixes when told (--no-prefix)', () => {
    const diffs = parseUnifiedDiff(git(repo.root, 'diff', '-U0', '-M', '--no-prefix', repo.commit, '--'), { srcPrefix: '', dstPrefix: '' });
    assert.equal(byPath(diffs, 'edit.txt').hunks.length, 3);
    assert.equal(byPath(diffs, 'renamed.txt').newPath, 'src/renamed2.txt');
  });

  it('reads jsdiff createTwoFilesPatch output like git output', () => {
    const oldText = `${numbers.join('\n')}\n`;
    const newText = readFileSync(path.join(repo.root, 'edit.txt'), 'utf8');
    const patch = createTwoFilesPatch('a/edit.txt', 'b/edit.txt', oldText, newText, '', '', { context: 0 });
    const fromGit = byPath(parseUnifiedDiff(gitDiff(repo.root, repo.commit)), 'edit.txt');
    assert.deepEqual(parseUnifiedDiff(patch), [{ oldPath: 'edit.txt', newPath: 'edit.txt', change: 'modified', binary: false, hunks: fromGit.hunks }]);
    // As src/anchors writes it for a rename: a git header in front, and two files in a row.
    const renamed = `diff --git a/edit.txt b/src/edit.txt\nrename from edit.txt\nrename to src/edit.txt\n${patch.replace(/b\/edit/g, 'b/src/edit')}`;
    const both = parseUnifiedDiff(renamed + patch);
    assert.deepEqual(both.map((d) => [d.change, d.oldPath, d.newPath, d.hunks.length]), [['renamed', 'edit.txt', 'src/edit.txt', 3], ['modified', 'edit.txt', 'edit.txt', 3]]);
  });

  it('ignores a preamble and merge (--cc) sections; binary files have no hunks', () => {
    const merge = 'diff --cc a.txt\nindex 1,2..3\n--- a/a.txt\n+++ b/a.txt\n@@@ -1,1 -1,1 +1,1 @@@\n- one\n -two\n++three\n';
    const diffs = parseUnifiedDiff(`commit abc\n\n${merge}diff --git a/img.png b/img.png\nindex 1..2 100644\nBinary files a/img.png and b/img.png differ\n`);
    assert.deepEqual(diffs, [{ oldPath: 'img.png', newPath: 'img.png', change: 'modified', binary: true, hunks: [] }]);
    assert.deepEqual(parseUnifiedDiff(''), []);
  });
});

describe('core/unifiedDiff mapRangeThroughDiff', () => {
  const diff = (...hunks: Array<[number, number, number, number]>): FileDiff => ({
    oldPath: 'f',
    newPath: 'f',
    change: 'modified',
    binary: false,
    hunks: hunks.map(([oldStart, oldLines, newStart, newLines]) => ({ oldStart, oldLines, newStart, newLines, removed: [], added: [] })),
  });
  const r = (startLine: number, endLine: number): LineRange => ({ startLine, endLine });

  it('shifts by the net line count of changes above and ignores changes below', () => {
    // +3 inserted before line 2, 1 line removed at 5 (old), a change at 40 below the range
    const d = diff([2, 0, 2, 3], [5, 1, 8, 0], [40, 1, 42, 2]);
    assert.deepEqual(mapRangeThroughDiff(r(10, 12), d), { range: r(12, 14), touched: false, shift: 2 });
  });

  it('treats an insertion right before the first line as above, right after the last line as below', () => {
    assert.deepEqual(mapRangeThroughDiff(r(10, 12), diff([10, 0, 10, 2])), { range: r(12, 14), touched: false, shift: 2 });
    assert.deepEqual(mapRangeThroughDiff(r(10, 12), diff([13, 0, 13, 2])), { range: r(10, 12), touched: false, shift: 0 });
  });

  it('marks an insertion inside the range as touching it and widens the range', () => {
    assert.deepEqual(mapRangeThroughDiff(r(10, 12), diff([11, 0, 11, 2])), { range: r(10, 14), touched: true, shift: 0 });
  });

  it('covers the replacement of a change that crosses a border of the range', () => {
    // old 8–10 replaced by 4 new lines (8–11): crosses the start
    assert.deepEqual(mapRangeThroughDiff(r(10, 12), diff([8, 3, 8, 4])), { range: r(8, 13), touched: true, shift: 0 });
    // old 12–14 replaced by 1 line at 12: crosses the end
    assert.deepEqual(mapRangeThroughDiff(r(10, 12), diff([12, 3, 12, 1])), { range: r(10, 12), touched: true, shift: 0 });
  });

  it('keeps the surviving lines when the start of the range is deleted', () => {
    assert.deepEqual(mapRangeThroughDiff(r(10, 14), diff([9, 3, 9, 0])), { range: r(9, 11), touched: true, shift: 0 });
  });

  it('has no range when every line of the range was deleted, or the file was', () => {
    assert.deepEqual(mapRangeThroughDiff(r(10, 12), diff([1, 0, 1, 1], [9, 5, 10, 0])), { touched: true, shift: 1 });
    assert.deepEqual(mapRangeThroughDiff(r(1, 2), { oldPath: 'f', change: 'deleted', binary: false, hunks: [] }), { touched: true, shift: 0 });
  });

  it('maps through a pure rename unchanged', () => {
    assert.deepEqual(mapRangeThroughDiff(r(3, 4), { oldPath: 'a', newPath: 'b', change: 'renamed', similarity: 100, binary: false, hunks: [] }), { range: r(3, 4), touched: false, shift: 0 });
  });
});

describe('core/codeAnchor safety in look-alike code', () => {
  // 300 functions from one template: every snippet has near-copies. Lines an edit touched may
  // come out 'changed' or 'gone', but a range must always lie on what became of the flagged lines.
  for (const seed of [42, 7, 99]) {
    it(`never points at other code, with or without a diff (seed ${seed})`, () => {
      const workload = buildRelocationWorkload({ seed });
      const fileDiff = fileDiffFor(parseUnifiedDiff(workload.diffText), workload.path);
      const current = prepareFile({ path: workload.path, text: workload.newText });
      for (const withDiff of [true, false]) {
        workload.anchors.forEach((flagged, i) => {
          const anchor = withDiff ? flagged : { ...flagged, commit: undefined };
          const got = relocateAnchor(anchor, current, withDiff ? fileDiff : undefined);
          const region = workload.truth[i];
          const where = `${withDiff ? 'with diff' : 'text only'}, anchor ${i} ${JSON.stringify(flagged.range)}: ${JSON.stringify(got)}`;
          if (!region) assert.equal(got.status, 'gone', where);
          else if (got.range) assert.ok(got.range.startLine <= region.endLine && region.startLine <= got.range.endLine, `${where} outside ${JSON.stringify(region)}`);
          const untouched = workload.expected[i];
          if (untouched && got.status !== 'gone') assert.deepEqual(got.range, untouched, where);
          if (untouched && withDiff) assert.notEqual(got.status, 'gone', where);
        });
      }
    });
  }
});

describe('core/codeAnchor performance', () => {
  it('relocates 1,000 anchors across a 500-line diff well within budget', function () {
    this.timeout(20_000);
    const workload = buildRelocationWorkload({ anchors: 1000, diffLines: 500 });
    assert.ok(workload.diffLines >= 500);
    runRelocationWorkload(workload); // warm up the JIT; the figure below is a cold file and diff again
    const times: number[] = [];
    let last = runRelocationWorkload(workload);
    for (let i = 0; i < 5; i++) {
      last = runRelocationWorkload(workload);
      times.push(last.ms);
    }
    const median = [...times].sort((a, b) => a - b)[2] ?? Infinity;
    const counts: Record<string, number> = {};
    for (const result of last.results) counts[result.status] = (counts[result.status] ?? 0) + 1;
    console.log(`      1,000 anchors, ${workload.diffLines}-line diff, ${splitLines(workload.newText).length}-line file: median ${median.toFixed(1)} ms ${JSON.stringify(counts)}`);
    // Anchors no edit touched must land exactly where the diff says.
    workload.expected.forEach((want, i) => {
      if (!want) return;
      const got = last.results[i];
      assert.ok(got && (got.status === 'exact' || got.status === 'moved'), `anchor ${i}: ${JSON.stringify(got)}`);
      assert.deepEqual(got.range, want, `anchor ${i}`);
    });
    // Touched anchors may be 'changed' or 'gone', but never point outside what became of their lines.
    workload.truth.forEach((region, i) => {
      const got = last.results[i];
      assert.ok(got, `anchor ${i}`);
      if (!region) assert.equal(got.status, 'gone', `anchor ${i} was deleted: ${JSON.stringify(got)}`);
      else if (got.range) assert.ok(got.range.startLine <= region.endLine && region.startLine <= got.range.endLine, `anchor ${i}: ${JSON.stringify(got)} outside ${JSON.stringify(region)}`);
    });
    assert.ok(median < 1000, `${median} ms`);
  });
});
