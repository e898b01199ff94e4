import { strict as assert } from 'node:assert';
import { summarizeNote } from '../../src/core/noteSummary';

describe('core/noteSummary summarizeNote', () => {
  it('takes the title from the first non-empty body line, without heading marks', () => {
    const result = summarizeNote('---\nstatus: open\n---\n\n\n## Why does the parser   allocate so much?  \n\nDetails\n');
    assert.ok(result.ok);
    assert.equal(result.summary.title, 'Why does the parser   allocate so much?');
    assert.equal(result.summary.status, 'open');
  });

  it('uses a plain first line as title', () => {
    const result = summarizeNote('---\n---\nReview the retry loop\nsecond line\n');
    assert.ok(result.ok);
    assert.equal(result.summary.title, 'Review the retry loop');
  });

  it('skips a leading fenced code block and takes the prose line after it as title', () => {
    const result = summarizeNote('---\nstatus: open\n---\n```ts\nconst x = parse(input);\n# not a heading\n```\n\nWhy is parse slow?\nmore\n');
    assert.ok(result.ok);
    assert.equal(result.summary.title, 'Why is parse slow?');
    const tilde = summarizeNote('---\n---\n~~~\nnpm run build\n~~~\n## Build fails on CI\n');
    assert.ok(tilde.ok);
    assert.equal(tilde.summary.title, 'Build fails on CI');
  });

  it('says "(no text)" when the body is only a code block', () => {
    const result = summarizeNote('---\n---\n```\ncode only\n```\n');
    assert.ok(result.ok);
    assert.equal(result.summary.title, '(no text)');
  });

  it('says "(no text)" for an empty body', () => {
    const result = summarizeNote('---\nstatus: done\n---\n');
    assert.ok(result.ok);
    assert.equal(result.summary.title, '(no text)');
  });

  it('reads status, date, minutes, rating and string tags', () => {
    const text = '---\nstatus: done\ndate: 2026-10-19\nminutes: 70\nrating: 5\ntags: [rust, 3, review, null]\n---\n# Session\n';
    const result = summarizeNote(text);
    assert.ok(result.ok);
    assert.deepEqual(result.summary, { title: 'Session', status: 'done', date: '2026-10-19', minutes: 70, rating: 5, tags: ['rust', 'review'] });
  });

  it('leaves absent or mistyped optional fields undefined and tags empty', () => {
    const result = summarizeNote('---\nstatus: 3\nminutes: long\ntags: rust\n---\nx\n');
    assert.ok(result.ok);
    assert.equal(result.summary.status, undefined);
    assert.equal(result.summary.date, undefined);
    assert.equal(result.summary.minutes, undefined);
    assert.equal(result.summary.rating, undefined);
    assert.deepEqual(result.summary.tags, []);
  });

  it('accepts ratings 1 to 5 and a null rating', () => {
    for (const rating of [1, 3, 5]) {
      const result = summarizeNote(`---\nrating: ${rating}\n---\nx\n`);
      assert.ok(result.ok);
      assert.equal(result.summary.rating, rating);
    }
    const none = summarizeNote('---\nrating:\n---\nx\n');
    assert.ok(none.ok);
    assert.equal(none.summary.rating, undefined);
  });

  it('reports a rating out of range, fractional or text with the line of the key', () => {
    for (const rating of ['0', '6', '-1', '4.5', 'great', '"5"']) {
      const text = `---\nstatus: done\ndate: 2026-10-19\nrating: ${rating}\n---\nx\n`;
      const result = summarizeNote(text);
      assert.equal(result.ok, false, `rating ${rating}`);
      assert.ok(!result.ok);
      assert.equal(result.problem.line, 4, `rating ${rating}`);
      assert.match(result.problem.reason, /"rating" must be a whole number from 1 to 5/);
    }
  });

  it('passes on front matter problems', () => {
    const binary = summarizeNote('---\na: 1\n---\n\u0000');
    assert.ok(!binary.ok);
    assert.match(binary.problem.reason, /binary/);
    const broken = summarizeNote('---\ntitle: x\ntags: [a\n---\nx\n');
    assert.ok(!broken.ok);
    assert.ok(broken.problem.line >= 3);
    const noFrontMatter = summarizeNote('# Just a heading\n');
    assert.ok(!noFrontMatter.ok);
    assert.equal(noFrontMatter.problem.line, 1);
  });
});
