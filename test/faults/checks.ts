import { strict as assert } from 'node:assert';
import type { FaultWorld, Side } from './world';

/** The checks after every step: nothing lost or only in the reflog, no markers, nothing written outside. */
export function assertNothingLost(world: FaultWorld, what: string): void {
  const figures = world.figures();
  assert.deepEqual(
    { lost: figures.lost, onlyInReflog: figures.onlyInReflog, markersCommitted: figures.markersCommitted, writesOutside: figures.writesOutside },
    { lost: 0, onlyInReflog: 0, markersCommitted: 0, writesOutside: 0 },
    `${what}: ${figures.missing.join(', ')}`,
  );
}

/** After a fault: the next syncs of both sides succeed, leave nobody mid-operation, and converge. */
export async function assertRecovers(world: FaultWorld, what: string, first: Side = 'a'): Promise<void> {
  const second: Side = first === 'a' ? 'b' : 'a';
  for (const side of [first, second]) {
    const outcome = await world.sync(side);
    assert.equal(outcome.kind, 'synced', `${what}: ${side} ${JSON.stringify(outcome)}`);
    assert.equal(world.interrupted(side), undefined, `${what}: ${side} is left mid-${world.interrupted(side)}`);
  }
  assert.ok(world.converged(), `${what}: both sides and the remote agree`);
  assertNothingLost(world, what);
}
