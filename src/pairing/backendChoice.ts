import * as vscode from 'vscode';
import { PAIRING_BACKENDS, type PairingBackendId } from '../core/joinLink';
import { ActionableError } from '../ui/actionableError';
import { SETTINGS } from '../constants';
import type { PairingBackend } from './pairingBackend';

export type BackendSetting = 'auto' | PairingBackendId;
/** Per relationship: the backend the other person last posted an invitation with (they can join it). */
const OTHER_USES_KEY = 'mentorship.pairingBackendOfOther';
/** `auto` tries these in turn after what the other person uses. */
const AUTO_ORDER: readonly PairingBackendId[] = ['liveshare', 'oct'];

/**
 * Which backend pairs: the setting `mentorship.pairing.backend`, or with `auto` what is installed
 * and working here, preferring what the other person was last seen using. Joining always uses the
 * invitation's own backend.
 */
export class BackendChoice {
  constructor(
    private readonly backends: Readonly<Record<PairingBackendId, PairingBackend>>,
    private readonly state: vscode.Memento,
  ) {}

  get setting(): BackendSetting {
    const value = vscode.workspace.getConfiguration(SETTINGS.section).get<string>(SETTINGS.pairingBackend, 'auto');
    return (PAIRING_BACKENDS as readonly string[]).includes(value) ? (value as PairingBackendId) : 'auto';
  }

  byId(id: PairingBackendId): PairingBackend {
    return this.backends[id];
  }

  /** The backend a session found running belongs to (for the view and End). */
  all(): PairingBackend[] {
    return PAIRING_BACKENDS.map((id) => this.backends[id]);
  }

  /** Extensions pairing could use that are not installed (the view offers them). */
  missing(): PairingBackend[] {
    return this.all().filter((b) => b.extensionId !== undefined && !b.installed());
  }

  /** What Start would use, without starting anything: for the Pairing view. */
  planned(relationshipRoot: string): PairingBackend {
    const setting = this.setting;
    if (setting !== 'auto') return this.backends[setting];
    return this.autoCandidates(relationshipRoot)[0] ?? this.backends.link;
  }

  /** Noted when the other person's invitation is seen: `auto` prefers what they can join. */
  async otherUses(relationshipRoot: string, id: PairingBackendId): Promise<void> {
    const known = this.state.get<Record<string, PairingBackendId>>(OTHER_USES_KEY, {});
    if (known[relationshipRoot] !== id) await this.state.update(OTHER_USES_KEY, { ...known, [relationshipRoot]: id });
  }

  /**
   * The backend to host with, ready to start; undefined when the user cancelled. `auto` takes the
   * first installed one that is ready; with none installed it asks (a link, or install one).
   */
  async forStart(relationshipRoot: string): Promise<PairingBackend | undefined> {
    const setting = this.setting;
    if (setting !== 'auto') {
      await this.backends[setting].ready();
      return this.backends[setting];
    }
    let firstProblem: unknown;
    for (const candidate of this.autoCandidates(relationshipRoot)) {
      try {
        await candidate.ready();
        return candidate;
      } catch (error) {
        firstProblem ??= error;
      }
    }
    if (firstProblem) throw firstProblem;
    return this.askWithNothingInstalled();
  }

  /** Joining uses the invitation's backend; missing here, the message offers to install it. */
  async forJoin(id: PairingBackendId): Promise<PairingBackend> {
    const backend = this.backends[id];
    if (backend.extensionId && !backend.installed()) {
      throw new ActionableError(`This session runs on ${backend.label}, which is not installed here. Install it, then Join again.`, [
        { title: `Install ${backend.label}`, command: 'workbench.extensions.installExtension', args: [backend.extensionId] },
      ]);
    }
    await backend.ready();
    return backend;
  }

  private autoCandidates(relationshipRoot: string): PairingBackend[] {
    const theirs = this.state.get<Record<string, PairingBackendId>>(OTHER_USES_KEY, {})[relationshipRoot];
    const order = [...(theirs && theirs !== 'link' ? [theirs] : []), ...AUTO_ORDER.filter((id) => id !== theirs)];
    return order.map((id) => this.backends[id]).filter((b) => b.installed());
  }

  private async askWithNothingInstalled(): Promise<PairingBackend | undefined> {
    type Pick = vscode.QuickPickItem & { readonly backend?: PairingBackend };
    const link: Pick = { label: '$(link) Post a Meeting Link…', detail: 'Zoom, Google Meet, Tuple, CodeTogether…: paste the link of a meeting you start there.' };
    const installs: Pick[] = this.missing().map((b) => ({ label: `$(extensions) Install ${b.label}`, detail: 'Pair inside VS Code; then Start Pairing again.', backend: b }));
    const choice = await vscode.window.showQuickPick<Pick>([link, ...installs], {
      title: 'Neither Live Share nor Open Collaboration Tools is installed',
      placeHolder: 'How do you want to pair?',
      ignoreFocusOut: true,
    });
    if (!choice) return undefined;
    if (choice.backend?.extensionId) {
      await vscode.commands.executeCommand('workbench.extensions.search', choice.backend.extensionId);
      return undefined;
    }
    return this.backends.link;
  }
}
