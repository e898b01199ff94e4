import type { KeptBoth, NotesRepo, SyncOutcome } from './notesRepo';

export type SyncState =
  | { readonly kind: 'local-only' }
  | { readonly kind: 'syncing' }
  | { readonly kind: 'synced'; readonly at: Date; /** the other person's notes came in */ readonly pulled: boolean }
  | { readonly kind: 'offline'; readonly pending: number; readonly retryAt: Date; readonly reason: string }
  | { readonly kind: 'failed'; readonly pending: number; readonly message: string };

const DEBOUNCE_MS = 750;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;

/**
 * Runs a notes repo's sync in the background: shortly after each commit, and again with
 * exponential backoff while the remote cannot be reached. Local commits are never lost;
 * they just wait for the remote.
 */
export class SyncScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = FIRST_RETRY_MS;
  private current: SyncState = { kind: 'local-only' };
  private readonly listeners = new Set<(state: SyncState) => void>();
  private readonly keptBothListeners = new Set<(kept: readonly KeptBoth[]) => void>();
  private disposed = false;

  constructor(
    private readonly repo: NotesRepo,
    private readonly isEnabled: () => boolean,
  ) {}

  get state(): SyncState {
    return this.current;
  }

  onDidChange(listener: (state: SyncState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Heard when a sync kept both versions of notes both people changed. */
  onDidKeepBoth(listener: (kept: readonly KeptBoth[]) => void): { dispose(): void } {
    this.keptBothListeners.add(listener);
    return { dispose: () => this.keptBothListeners.delete(listener) };
  }

  /** Asks for a sync soon; several requests in a burst become one. */
  request(delay = DEBOUNCE_MS): void {
    if (this.disposed || !this.isEnabled()) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.syncNow(), delay);
  }

  /** Syncs now and reports the outcome (also used by "Sync Notes Now"). */
  async syncNow(): Promise<SyncOutcome> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.update({ kind: 'syncing' });
    const outcome = await this.repo.sync();
    switch (outcome.kind) {
      case 'no-remote':
        this.update({ kind: 'local-only' });
        break;
      case 'synced':
        this.retryDelay = FIRST_RETRY_MS;
        this.update({ kind: 'synced', at: new Date(), pulled: outcome.pulled });
        if (outcome.keptBoth.length > 0) for (const listener of this.keptBothListeners) listener(outcome.keptBoth);
        break;
      case 'offline': {
        const retryAt = new Date(Date.now() + this.retryDelay);
        this.update({ kind: 'offline', pending: outcome.pending, retryAt, reason: outcome.reason });
        this.request(this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
        break;
      }
      case 'failed':
        this.update({ kind: 'failed', pending: outcome.pending, message: outcome.error.message });
        break;
    }
    return outcome;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
    this.keptBothListeners.clear();
  }

  private update(state: SyncState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
