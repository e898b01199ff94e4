import { strict as assert } from 'node:assert';
import { parseAgendaItem, renderAgendaItem, type AgendaItem } from '../../src/core/agendaItem';
import { captureAnchor, locateAnchor, relocateAnchor, relocateThroughHistory, trivialLine, type CodeAnchor } from '../../src/core/codeAnchor';
import { parseUnifiedDiff, type FileDiff } from '../../src/core/unifiedDiff';
import { redactSecrets } from '../../src/core/secretScan';
import { createTwoFilesPatch } from 'diff';

const ITEM: Omit<AgendaItem, 'anchor'> = { id: 'a1', created: '2026-01-01T00:00:00Z', author: 'sam@example.com', status: 'open', tags: [], question: 'Why?' };

function anchorIn(text: string, startLine: number, endLine: number): CodeAnchor {
  return captureAnchor({ repository: 'r', commit: 'c'.repeat(40), dirty: false, path: 'src/a.ts', fileText: text, range: { startLine, endLine } });
}

function roundTrip(anchor: CodeAnchor): CodeAnchor {
  const parsed = parseAgendaItem(renderAgendaItem({ ...ITEM, anchor }));
  assert.ok(parsed.ok);
  return parsed.item.anchor;
}

/** A line diff as git prints it for the history (-U0), from old text to new. */
function diffOf(before: string, after: string): FileDiff {
  const diff = parseUnifiedDiff(createTwoFilesPatch('a/src/a.ts', 'b/src/a.ts', before, after, '', '', { context: 0 }))[0];
  assert.ok(diff);
  return diff;
}

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const BASE = lines(
  'import { total } from "./total";',
  '',
  'export function checkout(cart: Cart): Receipt {',
  '  const sum = total(cart.items);',
  '  const tax = sum * TAX_RATE;',
  '  return { sum, tax };',
  '}',
  '',
  'export function refund(order: Order): void {',
  '  ledger.credit(order.customer, order.amount);',
  '}',
  '',
);

describe('core/codeAnchor agenda file round trip', () => {
  it('keeps blank lines at either end of the snippet, byte for byte', () => {
    for (const [start, end] of [
      [1, 3], // blank first line
      [6, 7], // blank last line
      [7, 8], // blank first line, then code
      [1, 7], // blank lines at both ends
    ] as const) {
      const anchor = anchorIn(BASE, start, end);
      const back = roundTrip(anchor);
      assert.equal(back.snippet, anchor.snippet, `lines ${start}-${end}`);
      assert.deepEqual(back.range, anchor.range);
    }
  });

  it('keeps whitespace-only lines and trailing spaces', () => {
    const anchor = { ...anchorIn(BASE, 2, 4), snippet: '   \nexport function checkout(cart: Cart): Receipt {  \n\t' };
    assert.equal(roundTrip(anchor).snippet, anchor.snippet);
  });

  it('comes back at the full height after the round trip, in a file nobody touched', () => {
    const anchor = roundTrip(anchorIn(BASE, 5, 7));
    const where = locateAnchor(anchor, { path: 'src/a.ts', text: BASE }, { original: BASE, diffs: [] });
    assert.deepEqual(where.range, { startLine: 5, endLine: 7 });
    assert.equal(where.status, 'exact');
  });
});

describe('core/codeAnchor re-location through history', () => {
  it('widens the range over lines inserted inside the flagged block', () => {
    const after = BASE.replace('  const tax = sum * TAX_RATE;\n', '  const tax = sum * TAX_RATE;\n  audit(sum);\n  audit(tax);\n');
    const where = relocateThroughHistory(anchorIn(BASE, 2, 6), { path: 'src/a.ts', text: after }, { original: BASE, diffs: [diffOf(BASE, after)] });
    assert.equal(where?.status, 'changed');
    assert.deepEqual(where?.range, { startLine: 2, endLine: 8 });
  });

  it('says gone when only a closing line survives, not a match on `}`', () => {
    assert.ok(trivialLine('}') && trivialLine('  end') === false && trivialLine('});'));
    const after = BASE.replace('export function refund(order: Order): void {\n  ledger.credit(order.customer, order.amount);\n', 'export const refunds = new Map<string, number>(\n  [],\n');
    const where = relocateThroughHistory(anchorIn(BASE, 8, 10), { path: 'src/a.ts', text: after }, { original: BASE, diffs: [diffOf(BASE, after)] });
    assert.equal(where?.status, 'gone');
  });

  it('a one-line snippet rewritten in place is gone, not pointed at', () => {
    const after = BASE.replace('  const tax = sum * TAX_RATE;', '  const vat = computeVat(sum, region);');
    const where = relocateThroughHistory(anchorIn(BASE, 4, 4), { path: 'src/a.ts', text: after }, { original: BASE, diffs: [diffOf(BASE, after)] });
    assert.equal(where?.status, 'gone');
  });

  it('reports reformatting (indentation, quote style) as whitespace only, with the same range', () => {
    const after = BASE.replace('  const sum = total(cart.items);', '    const sum = total(cart.items);');
    const history = { original: BASE, diffs: [{ ...diffOf(BASE, after), hunks: [] }] }; // git diff -w prints no hunk
    const where = relocateThroughHistory(anchorIn(BASE, 3, 5), { path: 'src/a.ts', text: after }, history);
    assert.equal(where?.status, 'exact');
    assert.equal(where?.verbatim, false);
    assert.match(where?.reason ?? '', /only whitespace changed/);
  });

  it('gives way to the search by text when the history does not describe the anchor (dirty)', () => {
    const dirty = { ...anchorIn(BASE, 3, 5), dirty: true };
    assert.equal(relocateThroughHistory(dirty, { path: 'src/a.ts', text: BASE }, { original: BASE, diffs: [] }), undefined);
    assert.equal(locateAnchor(dirty, { path: 'src/a.ts', text: BASE }, { original: BASE, diffs: [] }).status, 'exact');
  });

  it('finds a redacted snippet again, though the secret was never stored', () => {
    const secret = lines('const client = connect({', '  password: "hunter2-correct-horse-battery",', '  host: "db.internal",', '});');
    const text = `// header\n${secret}`;
    const anchor = anchorIn(text, 1, 4);
    const redacted = redactSecrets(anchor.snippet);
    assert.ok(redacted.findings.length > 0, 'the fixture holds a secret the scanner finds');
    const stored = roundTrip({ ...anchor, snippet: redacted.text });
    assert.ok(!stored.snippet.includes('hunter2'));
    const moved = `// header\n// two\n// lines\n${secret}`;
    // With history: the original comes from git, the stored snippet only has to fit it.
    const withHistory = locateAnchor(stored, { path: 'src/a.ts', text: moved }, { original: text, diffs: [diffOf(text, moved)] });
    assert.deepEqual([withHistory.status, withHistory.range], ['moved', { startLine: 3, endLine: 6 }]);
    // Without history: the redaction marker matches any text.
    const byText = relocateAnchor(stored, { path: 'src/a.ts', text: moved });
    assert.deepEqual([byText.status, byText.range], ['moved', { startLine: 3, endLine: 6 }]);
  });

  it('names the number of candidates when the surviving lines point at two places equally', () => {
    const original = lines('function setup() {', '  registerRoutes(app);', '  connectDatabase(config);', '}');
    const filler = Array.from({ length: 30 }, (_, k) => `  step${k}();`);
    const after = lines('function setup() {', '  registerRoutes(app);', ...filler, '  connectDatabase(config);', '}');
    const where = relocateThroughHistory(anchorIn(original, 1, 2), { path: 'src/a.ts', text: after }, { original, diffs: [diffOf(original, after)] });
    assert.equal(where?.status, 'changed');
    assert.equal(where?.candidates, 2);
    assert.match(where?.reason ?? '', /2 candidates/);
  });

});
