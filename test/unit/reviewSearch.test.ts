import { strict as assert } from 'node:assert';
import { highlightSegments, ReviewSearchIndex, type SearchDocument, type SearchHit } from '../../src/core/reviewSearch';

const doc = (id: string, text: string, kind: SearchDocument['kind'] = 'session'): SearchDocument => ({ id, kind, title: `Title ${id}`, text });

/** Every highlight of every snippet is exactly one of the terms. */
function assertHighlightsAreTerms(hit: SearchHit, terms: readonly string[]): void {
  assert.ok(hit.snippets.length > 0, hit.id);
  for (const snippet of hit.snippets) {
    assert.ok(snippet.highlights.length > 0, snippet.text);
    for (const [start, end] of snippet.highlights) {
      assert.ok(terms.includes(snippet.text.slice(start, end).toLowerCase()), `${JSON.stringify(snippet.text.slice(start, end))} in ${snippet.text}`);
    }
  }
}

const LOREM = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. ';

describe('core/reviewSearch', () => {
  const index = new ReviewSearchIndex([
    doc('s1', 'We talked about React hooks and useEffect. The effect ran on every render.'),
    doc('s2', 'Immutable updates: never mutate React state. Hooks again: useMemo.', 'session'),
    doc('a1', 'Why does this Effect run twice?', 'agenda'),
    doc('u1', 'Shipped the cart fix; the regex a.b( was wrong, not a-b.', 'update'),
    doc('u2', 'Über die Straße: ÄRGER mit Umlauten. 日本語のテキスト 🎉 emoji 🎉 after.', 'update'),
  ]);

  it('requires every term, case-insensitively, and ranks by match count then id', () => {
    const hits = index.search('REACT hooks');
    assert.deepEqual(hits.map((h) => [h.id, h.matches]), [['s1', 2], ['s2', 2]]);
    assert.deepEqual(index.search('react hooks usememo').map((h) => h.id), ['s2']);
    assert.deepEqual(index.search('react missing'), []);
    const effect = index.search('effect');
    assert.deepEqual(effect.map((h) => [h.id, h.kind, h.title, h.matches]), [['s1', 'session', 'Title s1', 2], ['a1', 'agenda', 'Title a1', 1]]);
  });

  it('returns nothing for an empty or blank query, or a limit of 0', () => {
    assert.deepEqual(index.search(''), []);
    assert.deepEqual(index.search('   \t\n'), []);
    assert.deepEqual(index.search('react', 0), []);
  });

  it('highlights exactly the terms in each snippet', () => {
    const [hit] = index.search('Hooks useeffect');
    assert.ok(hit);
    assertHighlightsAreTerms(hit, ['hooks', 'useeffect']);
    assert.equal(hit.snippets[0]?.highlights.length, 2);
  });

  it('matches regex metacharacters literally', () => {
    const hits = index.search('a.b(');
    assert.deepEqual(hits.map((h) => h.id), ['u1']);
    assertHighlightsAreTerms(hits[0]!, ['a.b(']);
    assert.deepEqual(index.search('a.b'), index.search('a.b').filter((h) => h.id === 'u1'));
    assert.deepEqual(index.search('.*'), []);
    assert.deepEqual(index.search('[a-z]+'), []);
  });

  it('handles unicode: umlauts, CJK, emoji, and characters that grow when lowercased', () => {
    for (const [query, term] of [['straße', 'straße'], ['ärger', 'ärger'], ['ÜBER', 'über'], ['テキスト', 'テキスト'], ['🎉', '🎉']] as const) {
      const hits = index.search(query);
      assert.deepEqual(hits.map((h) => h.id), ['u2'], query);
      assertHighlightsAreTerms(hits[0]!, [term]);
    }
    assert.equal(index.search('🎉')[0]?.matches, 2);
    // "İ" lowercases to two code units; offsets after it must still point at the term.
    const turkish = new ReviewSearchIndex([doc('t', 'İİİ İstanbul notes: hello World')]);
    const [hit] = turkish.search('world HELLO');
    assert.ok(hit);
    assertHighlightsAreTerms(hit, ['world', 'hello']);
    assert.deepEqual(turkish.search('İstanbul').map((h) => h.id), ['t']);
  });

  it('cuts snippets of about 120 characters around the first occurrences, at most three', () => {
    const text = `${LOREM.repeat(3)}first needle here. ${LOREM.repeat(3)}second needle\nhere. ${LOREM.repeat(3)}third needle. ${LOREM}fourth needle.`;
    const [hit] = new ReviewSearchIndex([doc('long', text)]).search('needle');
    assert.ok(hit);
    assert.equal(hit.matches, 4);
    assert.equal(hit.snippets.length, 3);
    assertHighlightsAreTerms(hit, ['needle']);
    for (const snippet of hit.snippets) {
      assert.ok(snippet.text.length <= 122 && snippet.text.length >= 80, `${snippet.text.length}: ${snippet.text}`);
      assert.match(snippet.text, /^….*…$/);
      assert.doesNotMatch(snippet.text, /\n/);
    }
    assert.deepEqual(hit.snippets.map((s) => /(first|second|third) needle/.exec(s.text)?.[1]), ['first', 'second', 'third']);
  });

  it('shows each term at least once when terms are far apart, in text order', () => {
    const text = `alpha ${LOREM.repeat(2)}alpha ${LOREM.repeat(2)}alpha ${LOREM.repeat(2)}omega`;
    const [hit] = new ReviewSearchIndex([doc('d', text)]).search('omega alpha');
    assert.ok(hit);
    assert.equal(hit.matches, 4);
    assert.equal(hit.snippets.length, 3);
    assert.ok(hit.snippets[0]?.text.startsWith('alpha'));
    assert.ok(hit.snippets[2]?.text.endsWith('omega'));
    assertHighlightsAreTerms(hit, ['alpha', 'omega']);
  });

  it('keeps short documents whole and highlights every occurrence in one snippet', () => {
    const [hit] = new ReviewSearchIndex([doc('d', 'ab ab AB ab')]).search('ab');
    assert.deepEqual(hit?.snippets, [{ text: 'ab ab AB ab', highlights: [[0, 2], [3, 5], [6, 8], [9, 11]] }]);
    assert.equal(hit?.matches, 4);
  });

  it('respects the limit after ranking', () => {
    const many = new ReviewSearchIndex(Array.from({ length: 50 }, (_, i) => doc(`d${String(i).padStart(2, '0')}`, 'x '.repeat(i % 5 + 1))));
    const hits = many.search('x', 7);
    assert.equal(hits.length, 7);
    assert.ok(hits.every((h) => h.matches === 5));
    assert.deepEqual(hits.map((h) => h.id), ['d04', 'd09', 'd14', 'd19', 'd24', 'd29', 'd34']);
    assert.equal(many.search('x').length, 50);
  });

  it('finds the right documents among 5,000 of about 2 KB', () => {
    const words = ['react', 'hooks', 'state', 'effect', 'render', 'cart', 'totals', 'review', 'test', 'async'];
    const documents = Array.from({ length: 5000 }, (_, i) => {
      const filler = Array.from({ length: 330 }, (_, w) => words[(i * 7 + w * 3) % words.length]).join(' ');
      const marker = i % 500 === 0 ? ` needle-${i} ` : ' ';
      return doc(`doc${String(i).padStart(4, '0')}`, `${filler.slice(0, 1000)}${marker}${filler.slice(1000)}`, i % 3 === 0 ? 'agenda' : 'session');
    });
    assert.ok(documents.every((d) => d.text.length > 1900 && d.text.length < 2200));
    const big = new ReviewSearchIndex(documents);
    assert.equal(big.size, 5000);
    const hits = big.search('NEEDLE');
    assert.deepEqual(hits.map((h) => h.id), Array.from({ length: 10 }, (_, k) => `doc${String(k * 500).padStart(4, '0')}`));
    hits.forEach((hit) => assertHighlightsAreTerms(hit, ['needle']));
    const one = big.search('needle-2500 react');
    assert.deepEqual(one.map((h) => h.id), ['doc2500']);
    assertHighlightsAreTerms(one[0]!, ['needle-2500', 'react']);
    assert.equal(big.search('react', 200).length, 200);
    assert.equal(big.search('nowhere-to-be-found').length, 0);
  });
});

describe('core/reviewSearch highlightSegments', () => {
  it('splits text into plain and marked segments', () => {
    assert.deepEqual(highlightSegments('say hello world', [[4, 9]]), [
      { text: 'say ', match: false },
      { text: 'hello', match: true },
      { text: ' world', match: false },
    ]);
    assert.deepEqual(highlightSegments('abc', []), [{ text: 'abc', match: false }]);
    assert.deepEqual(highlightSegments('', []), []);
  });

  it('merges overlapping and touching ranges, sorts them and clamps out-of-range ones', () => {
    assert.deepEqual(highlightSegments('abcdefgh', [[6, 20], [2, 4], [3, 5], [5, 6], [-3, 1]]), [
      { text: 'a', match: true },
      { text: 'b', match: false },
      { text: 'cdefgh', match: true },
    ]);
    assert.deepEqual(highlightSegments('abc', [[2, 1], [5, 9]]), [{ text: 'abc', match: false }]);
  });

  it('round-trips a search snippet: marked segments are the terms, all segments rebuild the text', () => {
    const [hit] = new ReviewSearchIndex([doc('d', '<b>Markup</b> stays text: a.b( and <B>')]).search('<b> a.b(');
    const snippet = hit!.snippets[0]!;
    const segments = highlightSegments(snippet.text, snippet.highlights);
    assert.equal(segments.map((s) => s.text).join(''), snippet.text);
    assert.deepEqual(segments.filter((s) => s.match).map((s) => s.text), ['<b>', 'a.b(', '<B>']);
  });
});
