import { strict as assert } from 'node:assert';
import { assertNothingLost, assertRecovers } from '../../faults/checks';
import type { KillAt } from '../../faults/hostDriver';
import { ACTIONS_FILE, FaultWorld } from '../../faults/world';

const line = (text: string, n: number, replacement: string): string => text.replace(`- [ ] task ${n}\n`, `- [ ] ${replacement}\n`);

describe('faults: the host killed at every git step of a sync', function () {
  this.timeout(400_000);
  let template: FaultWorld;
  before(async () => {
    template = await FaultWorld.create();
  });

  const scenarios: Record<string, (world: FaultWorld) => Promise<void>> = {
    // Different notes on each side: the sync rebases.
    rebase: async (world) => {
      await world.save('b', 'agenda/from-b.md', 'from b\n');
      assert.equal((await world.sync('b')).kind, 'synced');
      await world.save('a', 'agenda/from-a.md', 'from a\n');
    },
    // The same line of one note on each side: the sync merges, keeping both versions.
    'keep-both': async (world) => {
      const text = (await (await world.open('b')).readFile(ACTIONS_FILE))!;
      await world.save('b', ACTIONS_FILE, line(text, 3, 'b wrote this'));
      assert.equal((await world.sync('b')).kind, 'synced');
      await world.save('a', ACTIONS_FILE, line(text, 3, 'a wrote this'));
    },
  };

  // A kill before a read-only step (rev-parse, cat-file, status, ls-remote…) leaves the same
  // files as a kill before the next step, so the distinct states a kill can leave are: before
  // and during each step that changes something, and after the last. Every one is tried.
  const MUTATING = new Set(['fetch', 'rebase', 'merge', 'add', 'commit', 'push', 'update-ref', 'checkout', 'reset']);
  const plan = (commands: readonly string[]): KillAt[] => [
    ...commands.flatMap((command, i) => (MUTATING.has(command) ? [{ step: i + 1, at: 'before' as const }, { step: i + 1, at: 'git' as const }] : [])),
    { step: commands.length, at: 'after' as const },
  ];

  for (const [name, prepare] of Object.entries(scenarios)) {
    it(`${name}: the host killed before and the git child killed during each step that changes the repo, and after the last; the next sync recovers, nothing is lost, both converge`, async () => {
      const prepared = template.copy();
      await prepare(prepared);
      const dry = await prepared.copy().host('a', { kind: 'sync' });
      assert.ok(dry?.ok && dry.outcome === 'synced', JSON.stringify(dry));
      assert.ok(dry.commands.includes(name === 'rebase' ? 'rebase' : 'merge'), dry.commands.join(' '));
      const kills = plan(dry.commands);
      let killed = 0;
      for (const kill of kills) {
        const world = prepared.copy();
        const result = await world.host('a', { kind: 'sync' }, kill);
        if (!result) killed++;
        const what = `${name}, killed ${kill.at} step ${kill.step} (${dry.commands[kill.step - 1]}) ${result ? `but it ended: ${JSON.stringify(result)}` : ''}`;
        assertNothingLost(world, what);
        await assertRecovers(world, what);
      }
      assert.ok(killed >= kills.filter((k) => k.at !== 'git').length, `the host was killed ${killed} times`);
      assert.ok(kills.length >= (name === 'rebase' ? 6 : 12), `${kills.length} kill points`);
    });
  }
});
