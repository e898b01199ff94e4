/**
 * A repository whose history the test writes: source files edited commit by commit the ways
 * flagged code meets in real life — lines inserted inside and around functions, functions
 * moved, files renamed, code reformatted (indentation, quote style), functions duplicated,
 * deleted and edited — each kind chosen by a seeded generator, so the history is the same on
 * every run and every machine.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { git, rng } from './historyCases';

type Rand = ReturnType<typeof rng>;
const WORDS = ['total', 'cart', 'price', 'user', 'order', 'item', 'tax', 'discount', 'coupon', 'stock', 'invoice', 'payment', 'refund', 'ship', 'rate', 'label'];

function name(rand: Rand): string {
  return `${rand.pick(WORDS)}${rand.pick(WORDS).replace(/^./, (c) => c.toUpperCase())}${rand.int(1, 99)}`;
}

/**
 * One function of 4–12 lines. Most lines name something of their own, as real code does; a
 * few recur (`return 0;`, `}`), which is what makes look-alikes.
 */
function functionText(rand: Rand): string[] {
  const fn = name(rand);
  const lines = [`export function ${fn}(input: Item[]): number {`];
  for (let i = 0, n = rand.int(2, 10); i < n; i++) {
    const v = name(rand);
    const line = rand.pick([
      () => [`  const ${v} = input.map((x) => x.${rand.pick(WORDS)} * ${rand.int(2, 9)});`],
      () => [`  if (!${v}(input)) {`, rand.next() < 0.5 ? '    return 0;' : `    throw new Error('no ${v}');`, '  }'],
      () => [`  log('${fn}: ${rand.pick(WORDS)} ${rand.int(1, 99)}');`],
      () => [`  const ${v} = lookup('${rand.pick(WORDS)}', ${rand.int(1, 500)});`],
      () => [''],
    ])();
    lines.push(...line);
  }
  lines.push(`  return ${rand.int(0, 9)};`, '}', '');
  return lines;
}

function moduleText(rand: Rand): string[] {
  const lines = [`import { log, lookup, type Item } from './shared';`, ''];
  for (let f = 0, n = rand.int(4, 9); f < n; f++) lines.push(...functionText(rand));
  return lines;
}

/** [start, end) of each function (from its `export function` line to its closing line + blank). */
function functions(lines: readonly string[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('export function')) return;
    let end = i + 1;
    while (end < lines.length && lines[end] !== '}') end++;
    spans.push([i, Math.min(lines.length, end + 2)]);
  });
  return spans;
}

const EDITS: Array<(lines: string[], rand: Rand) => void> = [
  // lines inserted inside a function
  (lines, rand) => {
    const [s, e] = rand.pick(functions(lines)) ?? [0, 1];
    lines.splice(rand.int(s + 1, Math.max(s + 1, e - 2)), 0, ...Array.from({ length: rand.int(1, 3) }, () => `  log('${name(rand)}');`));
  },
  // a new function inserted between others
  (lines, rand) => {
    const spans = functions(lines);
    lines.splice(rand.pick(spans)?.[0] ?? lines.length, 0, ...functionText(rand));
  },
  // a function moved elsewhere in the file
  (lines, rand) => {
    const spans = functions(lines);
    if (spans.length < 3) return;
    const [s, e] = rand.pick(spans);
    const block = lines.splice(s, e - s);
    const rest = functions(lines);
    lines.splice(rand.pick(rest)?.[0] ?? lines.length, 0, ...block);
  },
  // reformatted: reindented or quote style
  (lines, rand) => {
    const [s, e] = rand.pick(functions(lines)) ?? [0, 0];
    const quotes = rand.next() < 0.5;
    for (let i = s + 1; i < e; i++) lines[i] = quotes ? (lines[i] as string).replace(/'/g, '"') : (lines[i] as string).replace(/^ {2}/, '    ');
  },
  // a function duplicated under another name
  (lines, rand) => {
    const spans = functions(lines);
    const [s, e] = rand.pick(spans) ?? [0, 0];
    const copy = lines.slice(s, e).map((line, k) => (k === 0 ? line.replace(/function \w+/, `function ${name(rand)}`) : line));
    lines.splice(rand.pick(spans)?.[0] ?? lines.length, 0, ...copy);
  },
  // a function deleted
  (lines, rand) => {
    const spans = functions(lines);
    if (spans.length < 3) return;
    const [s, e] = rand.pick(spans);
    lines.splice(s, e - s);
  },
  // lines edited in place (renamed names, changed numbers)
  (lines, rand) => {
    const [s, e] = rand.pick(functions(lines)) ?? [0, 0];
    for (let i = s + 1; i < e - 1; i++) if (rand.next() < 0.4) lines[i] = (lines[i] as string).replace(/\d+/, String(rand.int(100, 999)));
  },
];

/** A repository with `commits` commits of scripted edits over a few modules; returns its root. */
export function scriptedRepository(seed: number, commits: number): string {
  const rand = rng(seed);
  const root = mkdtempSync(path.join(tmpdir(), 'mentorship-anchor-history-'));
  git(root, 'init', '--quiet', '--initial-branch', 'main');
  const files = ['src/cart.ts', 'src/pricing.ts', 'src/orders.ts', 'src/shipping.ts'];
  mkdirSync(path.join(root, 'src'), { recursive: true });
  for (const file of files) writeFileSync(path.join(root, file), moduleText(rand).join('\n'));
  const commit = (message: string): void => {
    git(root, 'add', '-A');
    git(root, '-c', 'user.name=T', '-c', 'user.email=t@e', 'commit', '--quiet', '--allow-empty', '-m', message);
  };
  commit('base');
  for (let c = 0; c < commits; c++) {
    if (rand.next() < 0.06) {
      // a file renamed (sometimes edited in the same commit)
      const i = rand.int(0, files.length - 1);
      const to = `src/${rand.pick(['lib', 'core', 'app'])}${c}/${path.basename(files[i] as string)}`;
      mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
      renameSync(path.join(root, files[i] as string), path.join(root, to));
      files[i] = to;
    }
    for (let e = 0, n = rand.int(1, 3); e < n; e++) {
      const file = path.join(root, rand.pick(files));
      const lines = readFileSync(file, 'utf8').split('\n');
      rand.pick(EDITS)(lines, rand);
      writeFileSync(file, lines.join('\n'));
    }
    commit(`edit ${c}`);
  }
  return root;
}
