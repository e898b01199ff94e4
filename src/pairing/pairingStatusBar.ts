import * as vscode from 'vscode';
import { formatElapsed, plannedLengthReached } from '../core/pairingClock';
import { COMMANDS } from '../constants';
import { BACKEND_ICONS } from './pairingBackend';
import type { PairingSession, PairingState } from './pairingSession';

/**
 * The session timer in the status bar, shown only while a session runs, with a quiet notice
 * once the planned length is reached.
 */
export class PairingStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mentorship.pairingTimer', vscode.StatusBarAlignment.Left, 90);
  private ticker: ReturnType<typeof setInterval> | undefined;
  private noticeGiven = false;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: PairingSession) {
    this.item.name = 'Mentorship Pairing Timer';
    this.subscription = session.onDidChange((state) => this.show(state));
  }

  /** The text shown, for tests and the Pairing view. */
  get text(): string | undefined {
    return this.ticker ? this.item.text : undefined;
  }

  private show(state: PairingState): void {
    if (state.kind === 'idle') {
      if (this.ticker) clearInterval(this.ticker);
      this.ticker = undefined;
      this.noticeGiven = false;
      this.item.hide();
      return;
    }
    this.item.command = state.kind === 'hosting' ? COMMANDS.endPairing : undefined;
    if (!this.ticker) this.ticker = setInterval(() => this.tick(), 1000);
    this.tick();
    this.item.show();
  }

  private tick(): void {
    const state = this.session.state;
    if (state.kind === 'idle') return;
    const elapsed = Date.now() - state.started.getTime();
    const planned = state.plannedMinutes;
    this.item.text = `$(${BACKEND_ICONS[state.backend]}) ${formatElapsed(elapsed)}${planned ? ` / ${planned} min` : ''}`;
    // Only Live Share reports who joined; over OCT or a link the guest shows there, not here.
    const who = state.peers.map((p) => p.name).join(', ') || (state.backend === 'liveshare' ? 'waiting for your guest' : state.backend === 'oct' ? 'over Open Collaboration Tools' : 'over a meeting link');
    this.item.tooltip = `${state.kind === 'hosting' ? 'Hosting' : 'Joined'} a pairing session (${who}).${state.kind === 'hosting' ? ' Click to end it.' : ''}`;
    if (planned && !this.noticeGiven && plannedLengthReached(elapsed, planned)) {
      this.noticeGiven = true;
      void vscode.window.showInformationMessage(`The ${planned} minutes planned for this session are up. Time to wrap up and note the takeaways.`);
    }
  }

  dispose(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.subscription.dispose();
    this.item.dispose();
  }
}
