import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { MentorshipApi } from '../../src/extension';
import * as path from 'node:path';
import { bareRemote, git, tempFolder } from '../support/git';

export const EXTENSION_ID = 'mentorship.mentorship';

export async function mentorshipApi(): Promise<MentorshipApi> {
  const extension = vscode.extensions.getExtension<MentorshipApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  // The internals are handed out only when the extension runs under tests.
  assert.ok(api, 'the extension returned no test API: is it running in ExtensionMode.Test?');
  recordShownErrors(api);
  return api;
}

/** Every error a command has shown the user in this run, in order. */
const shownSoFar: Error[] = [];
let recording = false;
function recordShownErrors(api: MentorshipApi): void {
  if (recording) return;
  recording = true;
  api.onDidShowError((error) => shownSoFar.push(error));
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('mentorship').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Gives each test a fresh default notes repo location and no other relationships. */
export async function freshNotesLocation(): Promise<string> {
  const folder = `${tempFolder('notes')}/repo`;
  await setSetting('notesRepo.additional', undefined);
  await setSetting('notesRepo.remote', undefined);
  await setSetting('notesRepo.path', folder);
  return folder;
}

export function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/**
 * What a tree shows at the top level (or under `parent`) as "label — description", once
 * anchor statuses are known: a large or cold agenda first renders rows as "locating…".
 */
export async function visibleRows(tree: vscode.TreeDataProvider<vscode.TreeItem>, parent?: vscode.TreeItem): Promise<string[]> {
  const read = async (): Promise<string[]> =>
    ((await tree.getChildren(parent)) ?? []).map((item) => {
      const resolved = tree.getTreeItem(item) as vscode.TreeItem;
      return resolved.description ? `${labelOf(resolved)} — ${String(resolved.description)}` : labelOf(resolved);
    });
  return eventually('anchor statuses', async () => {
    const rows = await read();
    return rows.some((row) => row.includes('locating…')) ? undefined : rows;
  });
}

export const SAM_AND_ALEX = {
  role: 'mentee' as const,
  me: { name: 'Sam Rivera', email: 'sam@example.com' },
  other: { name: 'Alex Chen', email: 'alex@example.com' },
  purpose: 'Get confident reviewing React performance',
  sessionsPlanned: 5,
  minutesPerSession: 75,
  cadence: 'every two weeks' as const,
  started: '2026-11-02',
};

/** Polls until `probe` gives a value (not undefined or false), or fails after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Runs a command that should fail and returns the one message the user was shown. A command
 * shows its error and resolves (a rejection would make VS Code show a second, wrapped error).
 */
export async function shownError(run: Thenable<unknown>, pattern: RegExp, what?: string): Promise<string> {
  // Counted before `run` gets a turn to fail: the command has started but not yet run on.
  const extension = vscode.extensions.getExtension<MentorshipApi>(EXTENSION_ID);
  if (extension?.isActive) recordShownErrors(extension.exports);
  const before = shownSoFar.length;
  await run;
  await mentorshipApi();
  const shown = shownSoFar.slice(before);
  const [first] = shown;
  assert.ok(first && shown.length === 1, `expected the command to show one error${what ? ` (${what})` : ''}, it showed ${shown.length}: ${shown.map((e) => e.message).join(' | ')}`);
  assert.match(first.message, pattern, what);
  return first.message;
}

/**
 * Sam's notes repo (set up and pushed to a bare remote) and Alex's clone of it, both loaded as
 * relationships in this window: the mentee's and the mentor's side of one mentorship.
 */
export async function menteeAndMentorClones(): Promise<{ remote: string; mentee: string; mentor: string }> {
  const mentee = await freshNotesLocation();
  await vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX);
  const remote = bareRemote();
  await vscode.commands.executeCommand('mentorship.connectRemote', mentee, remote);
  const mentor = path.join(tempFolder('mentor'), 'notes');
  git(path.dirname(mentor), 'clone', '--quiet', remote, mentor);
  git(mentor, 'config', 'user.name', 'Alex Chen');
  git(mentor, 'config', 'user.email', 'alex@example.com');
  await setSetting('notesRepo.additional', [mentor]);
  await eventually('both relationships', async () => ((await (await mentorshipApi()).directory.relationships()).length === 2 ? true : undefined));
  return { remote, mentee, mentor };
}
