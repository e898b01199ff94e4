import { strict as assert } from 'node:assert';
import { parseAsyncUpdate, renderAsyncUpdate, updateFileName } from '../../src/core/asyncUpdate';

describe('core/asyncUpdate', () => {
  it('renders only the sections that say something, and parses them back', () => {
    const text = renderAsyncUpdate({ date: '2026-11-20', author: 'sam@example.com', sections: { Achievements: 'Shipped the cart fix.', Blockers: '', Celebrations: 'First review approved!' } });
    assert.doesNotMatch(text, /## Blockers/);
    assert.doesNotMatch(text, /## Challenges/);
    const parsed = parseAsyncUpdate(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.update, { date: '2026-11-20', author: 'sam@example.com', sections: { Achievements: 'Shipped the cart fix.', Celebrations: 'First review approved!' } });
    assert.equal(updateFileName('2026-11-20', 'ab12cd34'), 'updates/2026-11-20-ab12cd34.md');
  });

  it('reports a missing or wrong date with its line and ignores unknown sections', () => {
    const bad = parseAsyncUpdate('---\nauthor: sam\ndate: soon\n---\n');
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.deepEqual(bad.problem, { reason: '"date" must be a date like 2026-01-31', line: 3 });
    const odd = parseAsyncUpdate('---\ndate: 2026-11-20\n---\n## Random\ntext\n## Blockers\nCI is red\n');
    assert.ok(odd.ok);
    assert.deepEqual(odd.update.sections, { Blockers: 'CI is red' });
  });
});
