import { strict as assert } from 'node:assert';
import { parseFrontMatter, renderFrontMatter } from '../../src/core/frontMatter';

describe('core/frontMatter', () => {
  describe('parseFrontMatter', () => {
    it('splits YAML data and markdown body', () => {
      const result = parseFrontMatter('---\ntitle: Hello\ncount: 3\ntags: [a, b]\nnested:\n  key: value\n---\n# Body\n\nText\n');
      assert.ok(result.ok);
      assert.deepEqual(result.document.data, { title: 'Hello', count: 3, tags: ['a', 'b'], nested: { key: 'value' } });
      assert.equal(result.document.body, '# Body\n\nText\n');
    });

    it('accepts CRLF line endings', () => {
      const result = parseFrontMatter('---\r\ntitle: Hello\r\n---\r\nBody\r\n');
      assert.ok(result.ok);
      assert.deepEqual(result.document.data, { title: 'Hello' });
      assert.equal(result.document.body, 'Body\r\n');
    });

    it('treats an empty front matter block as no data', () => {
      const result = parseFrontMatter('---\n---\nBody\n');
      assert.ok(result.ok);
      assert.deepEqual(result.document.data, {});
      assert.equal(result.document.body, 'Body\n');
    });

    it('keeps a "---" line in the body after the closing line', () => {
      const result = parseFrontMatter('---\na: 1\n---\nabove\n---\nbelow\n');
      assert.ok(result.ok);
      assert.deepEqual(result.document.data, { a: 1 });
      assert.equal(result.document.body, 'above\n---\nbelow\n');
    });

    it('reports broken YAML with the 1-based line in the whole file', () => {
      // Line 1 is "---"; the broken mapping "b: c: 3" is on line 4 of the file.
      const text = '---\ntitle: ok\nother: fine\nb: c: 3\nlast: 1\n---\nbody\n';
      const result = parseFrontMatter(text);
      assert.equal(result.ok, false);
      assert.ok(!result.ok);
      assert.equal(result.problem.line, 4);
      assert.match(result.problem.reason, /\S/);
      assert.ok(!result.problem.reason.includes('\n'), 'reason is a single line');
    });

    it('reports a duplicate key at the line of the second occurrence', () => {
      const text = '---\nname: a\nstatus: open\nname: b\n---\n';
      const result = parseFrontMatter(text);
      assert.ok(!result.ok);
      assert.equal(result.problem.line, 4);
      assert.match(result.problem.reason, /duplicat|unique/i);
    });

    it('reports broken YAML with the right line when the file uses CRLF', () => {
      const text = '---\r\na: 1\r\nb: 2\r\nc: d: e\r\n---\r\nbody\r\n';
      const result = parseFrontMatter(text);
      assert.ok(!result.ok);
      assert.equal(result.problem.line, 4);
    });

    it('reports a file without an opening "---"', () => {
      const result = parseFrontMatter('# Just markdown\n\ntitle: x\n');
      assert.ok(!result.ok);
      assert.equal(result.problem.line, 1);
      assert.match(result.problem.reason, /does not start with/);
    });

    it('reports leading text before the opening "---"', () => {
      const result = parseFrontMatter('\n---\na: 1\n---\n');
      assert.ok(!result.ok);
      assert.match(result.problem.reason, /does not start with/);
    });

    it('reports a front matter block that is never closed', () => {
      const result = parseFrontMatter('---\ntitle: x\nstatus: open\n\n# Body\n');
      assert.ok(!result.ok);
      assert.equal(result.problem.line, 1);
      assert.match(result.problem.reason, /never closed/);
    });

    it('reports binary content (NUL bytes)', () => {
      const result = parseFrontMatter('---\ntitle: x\n---\nbody\u0000\u0001\u0002');
      assert.ok(!result.ok);
      assert.equal(result.problem.line, 1);
      assert.match(result.problem.reason, /binary/);
    });

    it('reports front matter that is a list, not key: value lines', () => {
      const result = parseFrontMatter('---\n- a\n- b\n---\nbody\n');
      assert.ok(!result.ok);
      assert.equal(result.problem.line, 2);
      assert.match(result.problem.reason, /key: value/);
    });

    it('reports a scalar front matter', () => {
      const result = parseFrontMatter('---\njust text\n---\nbody\n');
      assert.ok(!result.ok);
      assert.match(result.problem.reason, /key: value/);
    });
  });

  describe('renderFrontMatter', () => {
    it('renders "---", YAML, "---", a blank line and the body ending in a newline', () => {
      const text = renderFrontMatter({ title: 'Hello', count: 2 }, 'Body');
      assert.equal(text, '---\ntitle: Hello\ncount: 2\n---\n\nBody\n');
    });

    it('round-trips data through parse', () => {
      const data = {
        title: 'Fix: the "parser" — résumé',
        count: 7,
        flag: false,
        tags: ['a', 'b c', '#x'],
        nested: { name: 'Sam', email: 'sam@example.com' },
        multiline: 'line one\nline two',
        looksLikeNumber: '007',
        looksLikeBool: 'yes',
        dashes: '---',
      };
      const body = '# Heading\n\nSome text with --- inside\n';
      const parsed = parseFrontMatter(renderFrontMatter(data, body));
      assert.ok(parsed.ok);
      assert.deepEqual(parsed.document.data, data);
      assert.equal(parsed.document.body, body);
    });

    it('round-trips the body exactly: the blank line render adds after "---" is not part of it', () => {
      for (const body of ['Body\n', '# Heading\n\ntext\n', 'one line\n\n\ntrailing blank lines\n\n', '  indented first line\n', '---\nlooks like a fence\n']) {
        const parsed = parseFrontMatter(renderFrontMatter({ a: 1 }, body));
        assert.ok(parsed.ok, JSON.stringify(body));
        assert.equal(parsed.document.body, body, JSON.stringify(body));
      }
    });

    it('parses a body written right after the closing "---" or after blank lines the same way', () => {
      const direct = parseFrontMatter('---\na: 1\n---\nBody\n');
      const blank = parseFrontMatter('---\na: 1\n---\n\nBody\n');
      const crlf = parseFrontMatter('---\r\na: 1\r\n---\r\n\r\nBody\r\n');
      assert.ok(direct.ok && blank.ok && crlf.ok);
      assert.equal(direct.document.body, 'Body\n');
      assert.equal(blank.document.body, 'Body\n');
      assert.equal(crlf.document.body, 'Body\r\n');
    });

    it('is stable: render(parse(render(x))) equals render(x)', () => {
      const first = renderFrontMatter({ a: 1, b: ['x'] }, '\n\nBody text\nmore');
      const parsed = parseFrontMatter(first);
      assert.ok(parsed.ok);
      assert.equal(renderFrontMatter(parsed.document.data, parsed.document.body), first);
    });

    it('does not wrap long values', () => {
      const long = 'word '.repeat(60).trim();
      const text = renderFrontMatter({ purpose: long }, 'b');
      assert.ok(text.includes(`purpose: ${long}\n`));
    });
  });
});

describe('core/frontMatter limits for YAML from the other person', () => {
  it('an alias bomb is a problem, found quickly, not an out-of-memory', () => {
    const levels = 'abcdefghijklmnopqrst'.split('');
    const yaml = [`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`, ...levels.slice(1).map((k, i) => `${k}: &${k} [${Array(9).fill(`*${levels[i]}`).join(',')}]`)].join('\n');
    const started = Date.now();
    const result = parseFrontMatter(`---\n${yaml}\n---\nbody\n`);
    assert.ok(!result.ok);
    assert.match(result.problem.reason, /too many values/);
    assert.ok(Date.now() - started < 2000);
  });

  it('deep nesting, a huge front matter and custom tags are problems', () => {
    const deep = parseFrontMatter(`---\na: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n`);
    assert.ok(!deep.ok && /nest/.test(deep.problem.reason), JSON.stringify(deep));
    const twentyFive = parseFrontMatter(`---\na: ${'['.repeat(25)}${']'.repeat(25)}\n---\n`);
    assert.ok(!twentyFive.ok && /nested too deeply/.test(twentyFive.problem.reason), JSON.stringify(twentyFive));
    const huge = parseFrontMatter(`---\na: "${'x'.repeat(70 * 1024)}"\n---\n`);
    assert.ok(!huge.ok && /larger than 64 KB/.test(huge.problem.reason));
    for (const tag of ['!!js/function "x"', '!!python/object:os.system x', '!<tag:yaml.org,2002:js/undefined> x']) {
      assert.equal(parseFrontMatter(`---\na: ${tag}\n---\n`).ok, false, tag);
    }
  });
});
