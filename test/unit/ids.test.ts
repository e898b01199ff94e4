import { strict as assert } from 'node:assert';
import { isoDate, newNoteId, slugify } from '../../src/core/ids';

describe('core/ids', () => {
  describe('newNoteId', () => {
    it('is 8 characters of [a-z0-9] by default', () => {
      for (let i = 0; i < 500; i++) {
        assert.match(newNoteId(), /^[a-z0-9]{8}$/);
      }
    });

    it('honours the requested length', () => {
      assert.match(newNoteId(1), /^[a-z0-9]$/);
      assert.match(newNoteId(20), /^[a-z0-9]{20}$/);
      assert.equal(newNoteId(0), '');
    });

    it('is random: 1000 ids are all different and use letters and digits', () => {
      const ids = Array.from({ length: 1000 }, () => newNoteId());
      assert.equal(new Set(ids).size, ids.length);
      const all = ids.join('');
      assert.match(all, /[a-z]/);
      assert.match(all, /[0-9]/);
    });
  });

  describe('slugify', () => {
    it('lowercases and joins words with single dashes', () => {
      assert.equal(slugify('Alex Kim'), 'alex-kim');
      assert.equal(slugify('  Alex   O\'Brien  '), 'alex-o-brien');
      assert.equal(slugify('Sam_Lee (mentor) #2'), 'sam-lee-mentor-2');
    });

    it('drops accents at the end of a word', () => {
      assert.equal(slugify('Zoë'), 'zoe');
      assert.equal(slugify('José'), 'jose');
    });

    it('drops accents inside a word instead of splitting it (regression: "Müller")', () => {
      assert.equal(slugify('Jo Müller'), 'jo-muller');
      assert.equal(slugify('Zoë Ångström'), 'zoe-angstrom');
      assert.equal(slugify('François Núñez'), 'francois-nunez');
    });

    it('is never empty and never starts or ends with a dash', () => {
      assert.equal(slugify(''), 'mentorship');
      assert.equal(slugify('!!!'), 'mentorship');
      assert.equal(slugify('李小龍'), 'mentorship');
      for (const name of ['-x-', '--a b--', ' . a . ', 'a!']) {
        assert.match(slugify(name), /^[a-z0-9]+(?:-[a-z0-9]+)*$/, name);
      }
    });

    it('keeps only [a-z0-9-], so the result is safe as a folder name', () => {
      for (const name of ['../../etc/passwd', '-rf', 'a/b\\c', 'C:\\Users', '.git', 'x\u0000y']) {
        const slug = slugify(name);
        assert.match(slug, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, name);
      }
      assert.equal(slugify('../../etc/passwd'), 'etc-passwd');
    });

    it('is at most 40 characters', () => {
      assert.equal(slugify('a'.repeat(100)).length, 40);
      assert.equal(slugify('word '.repeat(30)).length <= 40, true);
    });
  });

  describe('isoDate', () => {
    it('formats the local date as YYYY-MM-DD with zero padding', () => {
      assert.equal(isoDate(new Date(2026, 0, 5)), '2026-01-05');
      assert.equal(isoDate(new Date(2026, 11, 31, 23, 59, 59)), '2026-12-31');
    });

    it('uses local time, not UTC', () => {
      const lateEvening = new Date(2026, 2, 14, 23, 30);
      assert.equal(isoDate(lateEvening), '2026-03-14');
      const earlyMorning = new Date(2026, 2, 15, 0, 15);
      assert.equal(isoDate(earlyMorning), '2026-03-15');
    });
  });
});
