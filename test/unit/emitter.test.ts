import { strict as assert } from 'node:assert';
import { Debouncer, Emitter } from '../../src/core/emitter';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('core/emitter', () => {
  it('calls each listener with the value until it unsubscribes', () => {
    const emitter = new Emitter<number>();
    const heard: number[] = [];
    const subscription = emitter.event((value) => heard.push(value));
    emitter.fire(1);
    subscription.dispose();
    emitter.fire(2);
    assert.deepEqual(heard, [1]);
  });

  it('a listener that throws does not keep the others from hearing; the error comes out after', () => {
    const emitter = new Emitter<string>();
    const heard: string[] = [];
    emitter.event(() => {
      throw new Error('first listener broke');
    });
    emitter.event((value) => heard.push(value));
    assert.throws(() => emitter.fire('x'), /first listener broke/);
    assert.deepEqual(heard, ['x']);
  });

  it('after dispose it is silent and keeps no new listener', () => {
    const emitter = new Emitter<void>();
    let calls = 0;
    emitter.event(() => calls++);
    emitter.dispose();
    emitter.fire();
    emitter.event(() => calls++).dispose();
    emitter.fire();
    assert.equal(calls, 0);
  });

  it('a debouncer turns a burst per key into one call per key; cancel and dispose drop what is pending', async () => {
    const fired: string[] = [];
    const debouncer = new Debouncer<string>(20, (key) => fired.push(key));
    debouncer.touch('a');
    debouncer.touch('b');
    debouncer.touch('a');
    debouncer.touch('c');
    debouncer.cancel('c');
    assert.deepEqual(fired, [], 'nothing before the delay');
    await tick(60);
    assert.deepEqual(fired.sort(), ['a', 'b']);
    debouncer.touch('a');
    debouncer.dispose();
    debouncer.touch('b');
    await tick(60);
    assert.deepEqual(fired.sort(), ['a', 'b'], 'nothing after dispose');
  });
});
