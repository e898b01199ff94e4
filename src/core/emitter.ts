/**
 * A small typed event, shaped like VS Code's so a view can pass it through unchanged, but kept
 * free of the editor: the notes model below the views fires these.
 */
export interface Disposable {
  dispose(): void;
}

/** Subscribes a listener; disposing the result unsubscribes it. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners: Set<(value: T) => void> | undefined = new Set();

  readonly event: Event<T> = (listener) => {
    this.listeners?.add(listener);
    return { dispose: () => this.listeners?.delete(listener) };
  };

  /** Calls every listener; one that throws does not keep the others from hearing. */
  fire(value: T): void {
    if (!this.listeners) return;
    let failure: unknown;
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  }

  /** After disposal the emitter is silent: fire() does nothing and new listeners are not kept. */
  dispose(): void {
    this.listeners = undefined;
  }
}

/**
 * Collects bursts per key: `touch(key)` many times within `delayMs` becomes one `fire(key)`.
 * `cancel(key)` and `dispose()` drop what is pending without firing.
 */
export class Debouncer<K> implements Disposable {
  private readonly timers = new Map<K, ReturnType<typeof setTimeout>>();
  private disposed = false;

  constructor(
    private readonly delayMs: number,
    private readonly fire: (key: K) => void,
  ) {}

  touch(key: K): void {
    if (this.disposed) return;
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.fire(key);
      }, this.delayMs),
    );
  }

  /** Drops what is pending for `key` without firing. */
  cancel(key: K): void {
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
