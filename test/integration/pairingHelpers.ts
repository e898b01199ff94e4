import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { OctStandInControl } from '../fixtures/oct-standin/src/extension';
import type { StandInControl } from '../fixtures/liveshare-standin/src/extension';
import { eventually, labelOf, mentorshipApi, visibleRows } from './harness';

export const OCT_ID = 'typefox.open-collaboration-tools';

export async function liveShareStandIn(): Promise<StandInControl> {
  const extension = vscode.extensions.getExtension<{ control: StandInControl }>('ms-vsliveshare.vsliveshare');
  assert.ok(extension, 'the Live Share stand-in is installed in the test instance');
  return (await extension.activate()).control;
}

export async function octStandIn(): Promise<OctStandInControl> {
  const extension = vscode.extensions.getExtension<{ control: OctStandInControl }>(OCT_ID);
  assert.ok(extension, 'the Open Collaboration Tools stand-in is installed in the test instance');
  return (await extension.activate()).control;
}

/** The Pairing view's rows for one relationship (the view groups by relationship when there are several). */
export async function pairingRows(root: string): Promise<string[]> {
  const api = await mentorshipApi();
  const top = (await api.trees.pairing.getChildren()) ?? [];
  const group = top.find((node) => node.contextValue === 'relationship' && String(node.tooltip ?? node.description ?? '').includes(root)) ?? top.find((n) => n.id?.includes(root));
  assert.ok(group, `a Pairing group for ${root}: ${top.map(labelOf).join(' | ')}`);
  return visibleRows(api.trees.pairing, group);
}

/**
 * Answers the quick pick Mentorship shows with its first item (Enter, as a user would) until
 * `done` says it was taken: the pick appears a moment after the command starts.
 */
export async function acceptPickUntil<T>(what: string, done: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  return eventually(what, async () => {
    const value = await done();
    if (value !== undefined && value !== false) return value;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise((r) => setTimeout(r, 250));
    return undefined;
  });
}

/** An invitation file as another machine would post it. */
export function invitationText(fields: { link: string; backend?: string; started: number; expires: number; host?: string; email?: string }): string {
  const backend = fields.backend ? `backend: ${fields.backend}\n` : '';
  return `---\nhost: ${fields.host ?? 'Sam Rivera'}\nhost_email: ${fields.email ?? 'sam@example.com'}\n${backend}link: ${fields.link}\nstarted: ${new Date(fields.started).toISOString()}\nexpires: ${new Date(fields.expires).toISOString()}\naccess: read-write\n---\n\n# Sam Rivera is pairing now\n`;
}
