import type * as vscode from 'vscode';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';

const MAX_POLL_MS = 5 * 60_000;

/**
 * Brings in invitations the other person posted: while the Pairing view is visible, each notes
 * repo with a remote is synced (a pull) every few seconds, backing off while the remote does not
 * answer. Hidden view, or no remote: no polling at all.
 */
export class InvitationWatcher implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay: number;
  private visible = false;
  private polling = false;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly directory: MentorshipDirectory,
    private readonly baseDelayMs: () => number,
    private readonly report: (error: unknown) => void,
  ) {
    this.delay = baseDelayMs();
    // A remote connected (or a relationship added) while the view is open starts the polling.
    this.subscription = directory.onDidChange(() => {
      if (this.visible && !this.timer && !this.polling) this.schedule(0);
    });
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) this.stop();
    else if (!this.timer) this.schedule(0);
  }

  private schedule(ms: number): void {
    this.stop();
    this.timer = setTimeout(() => void this.poll(), ms);
  }

  private async poll(): Promise<void> {
    this.timer = undefined;
    if (!this.visible) return;
    this.polling = true;
    try {
      await this.pollOnce();
    } finally {
      this.polling = false;
    }
  }

  private async pollOnce(): Promise<void> {
    let reachable = true;
    let anyRemote = false;
    try {
      for (const relationship of await this.directory.relationships()) {
        if (!(await relationship.repo.remoteUrl())) continue;
        anyRemote = true;
        const outcome = await relationship.sync.syncNow();
        if (outcome.kind === 'offline' || outcome.kind === 'failed') reachable = false;
      }
      // What a pull brought in announces itself (MentorshipDirectory.onDidChangeRelationship).
    } catch (error) {
      reachable = false;
      this.report(error);
    }
    if (!anyRemote || !this.visible) return; // nothing to pull from; a change in the notes re-arms it
    this.delay = reachable ? this.baseDelayMs() : Math.min(this.delay * 2, MAX_POLL_MS);
    this.schedule(this.delay);
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.visible = false;
    this.subscription.dispose();
    this.stop();
  }
}
