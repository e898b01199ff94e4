import { strict as assert } from 'node:assert';
import { WriteQueue } from '../../src/notes/writeQueue';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('notes/writeQueue', () => {
  it('runs tasks one at a time, in the order they were queued, even when the first rejects', async () => {
    const queue = new WriteQueue();
    const events: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const task = (name: string, ms: number, fail = false) => async (): Promise<string> => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      events.push(`start ${name}`);
      await tick(ms);
      events.push(`end ${name}`);
      running--;
      if (fail) throw new Error(`${name} failed`);
      return name;
    };

    const first = queue.run(task('a', 30, true));
    const second = queue.run(task('b', 5));
    const third = queue.run(task('c', 15, true));
    const fourth = queue.run(task('d', 1));
    assert.equal(queue.size, 4);

    const results = await Promise.allSettled([first, second, third, fourth]);
    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
      ['a failed', 'b', 'c failed', 'd'],
    );
    assert.deepEqual(events, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c', 'start d', 'end d']);
    assert.equal(maxRunning, 1);
    await tick(0);
    assert.equal(queue.size, 0);
  });

  it('runs a task queued later after the earlier ones have settled', async () => {
    const queue = new WriteQueue();
    const order: number[] = [];
    const slow = queue.run(async () => {
      await tick(20);
      order.push(1);
    });
    await tick(5);
    const late = queue.run(async () => {
      order.push(2);
    });
    await Promise.all([slow, late]);
    assert.deepEqual(order, [1, 2]);
  });

  it('does not start a task synchronously, and a task that throws synchronously only rejects its own promise', async () => {
    const queue = new WriteQueue();
    let started = false;
    const promise = queue.run(async () => {
      started = true;
      return 1;
    });
    assert.equal(started, false);
    const bad = queue.run((): Promise<number> => {
      throw new Error('sync throw');
    });
    const after = queue.run(async () => 3);
    await assert.rejects(bad, /sync throw/);
    assert.equal(await promise, 1);
    assert.equal(await after, 3);
  });
});
