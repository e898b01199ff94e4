import type { Clock } from '../core/nextSync';

/**
 * The wall clock the rhythm features read, with an offset a test (or a demo) can set to move
 * "now" without waiting days; timers still run in real time against the moved clock.
 */
export class ScheduleClock implements Clock {
  private offsetMs = 0;
  private readonly listeners = new Set<() => void>();

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Makes `now()` read `epochMs` at this moment (and move on from there in real time). */
  set(epochMs: number): void {
    this.offsetMs = epochMs - Date.now();
    for (const listener of this.listeners) listener();
  }

  /** Back to the real time. */
  reset(): void {
    this.set(Date.now());
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}

/** The one clock of this extension host: views, reminders and commands read the same "now". */
export const scheduleClock = new ScheduleClock();
