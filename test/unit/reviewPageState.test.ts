import { strict as assert } from 'node:assert';
import { parseReviewPageState } from '../../src/core/reviewPageState';

describe('core/reviewPageState', () => {
  it('reads back what the page saved', () => {
    const saved = { filter: { relationship: 'r1', tag: 'state', openActionItemsOnly: true, minRating: 4, kinds: ['session', 'update'] }, query: 'memo', open: ['r0:session:a'], shown: 200 };
    assert.deepEqual(parseReviewPageState(JSON.parse(JSON.stringify(saved)), 100), saved);
  });

  it('falls back to the default for nothing saved or anything malformed', () => {
    const defaults = { filter: {}, query: '', open: [], shown: 100 };
    assert.deepEqual(parseReviewPageState(undefined, 100), defaults);
    assert.deepEqual(parseReviewPageState('nonsense', 100), defaults);
    assert.deepEqual(
      parseReviewPageState({ filter: { relationship: 3, minRating: 9, kinds: 'session', openActionItemsOnly: 'yes' }, query: 42, open: [1, 'k'], shown: 7 }, 100),
      { filter: {}, query: '', open: ['k'], shown: 100 },
    );
  });

  it('all three kinds is no kind filter; unknown kinds are dropped', () => {
    assert.deepEqual(parseReviewPageState({ filter: { kinds: ['session', 'agenda', 'update'] } }, 100).filter, {});
    assert.deepEqual(parseReviewPageState({ filter: { kinds: ['agenda', 'bogus'] } }, 100).filter, { kinds: ['agenda'] });
  });
});
