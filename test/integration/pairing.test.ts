import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StandInControl } from '../fixtures/liveshare-standin/src/extension';
import { commitSubjects, git, tempFolder } from '../support/git';
import { EXTENSION_ID, eventually, labelOf, mentorshipApi, setSetting, visibleRows, shownError, menteeAndMentorClones } from './harness';

const READ_ONLY = 1; // vsls Access.ReadOnly
const READ_WRITE = 3; // vsls Access.ReadWrite

async function standIn(): Promise<StandInControl> {
  const extension = vscode.extensions.getExtension<{ control: StandInControl }>('ms-vsliveshare.vsliveshare');
  assert.ok(extension, 'the Live Share stand-in is installed in the test instance');
  return (await extension.activate()).control;
}

/** The Pairing view's rows for one relationship (the view groups by relationship when there are several). */
async function pairingRows(root: string): Promise<string[]> {
  const api = await mentorshipApi();
  const top = (await api.trees.pairing.getChildren()) ?? [];
  const group = top.find((node) => node.contextValue === 'relationship' && String(node.tooltip ?? node.description ?? '').includes(root)) ?? top.find((n) => n.id?.includes(root));
  assert.ok(group, `a Pairing group for ${root}: ${top.map(labelOf).join(' | ')}`);
  return visibleRows(api.trees.pairing, group);
}

function notesDocumentsOpen(root: string): string[] {
  return vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' && d.uri.fsPath.startsWith(root)).map((d) => d.uri.fsPath);
}

describe('Pairing through Live Share (the stand-in)', () => {
  let remote: string;
  let mentee: string;
  let mentor: string;
  let control: StandInControl;

  beforeEach(async () => {
    control = await standIn();
    control.reset();
    ({ remote, mentee, mentor } = await menteeAndMentorClones());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  afterEach(async () => {
    const api = await mentorshipApi();
    if (api.pairing.session.state.kind !== 'idle') control.endSession();
    await setSetting('pairing.guestAccess', undefined);
    await setSetting('pairing.backend', undefined);
  });

  it('the stand-in keeps to the vsls contract: every member of LiveShare in the typings is there, with the right kind', async () => {
    const extension = vscode.extensions.getExtension<{ getApi(version: string, caller?: string): Promise<Record<string, unknown> | null> }>('ms-vsliveshare.vsliveshare');
    assert.ok(extension);
    const exported = await extension.activate();
    const liveShare = await exported.getApi('1.0.4753', EXTENSION_ID);
    assert.ok(liveShare);
    const typings = readFileSync(require.resolve('vsls/vscode.ts'), 'utf8');
    const body = /export interface LiveShare \{([\s\S]*?)\n\}/.exec(typings)?.[1] ?? '';
    // Members as declared: "readonly name:" is a property, "name(" a method; optional ones ("name?") may be absent.
    const members = [...body.matchAll(/^\s{4}(?:readonly\s+)?([a-zA-Z]+)(\?)?\s*(\(|:|<)/gm)].map((m) => ({ name: m[1] ?? '', optional: m[2] === '?', method: m[3] !== ':' }));
    assert.ok(members.length >= 20, `read ${members.length} members from the typings`);
    for (const member of members) {
      if (member.optional && !(member.name in liveShare)) continue;
      assert.ok(member.name in liveShare, `LiveShare.${member.name} is implemented`);
      const value: unknown = liveShare[member.name];
      if (member.method) assert.equal(typeof value, 'function', `LiveShare.${member.name} is a method`);
    }
    for (const event of ['onDidChangeSession', 'onDidChangePeers']) assert.equal(typeof liveShare[event], 'function', `${event} is an event`);
  });

  it('host: shares read-only, posts and pushes the invitation, shows peers and the timer, and on end withdraws it and offers the takeaways', async () => {
    const api = await mentorshipApi();
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(path.join(workspace, 'src/cart.ts')));
    vscode.window.activeTextEditor!.selection = new vscode.Selection(14, 0, 16, 0);
    const flagged = await vscode.commands.executeCommand<string>('mentorship.flagForNextSync', { question: 'Why is the total recomputed?', tags: [], relationshipRoot: mentee });
    const itemId = path.basename(flagged, '.md');

    control.reachableContacts = ['alex@example.com'];
    const link = await vscode.commands.executeCommand<string>('mentorship.startPairing', mentee);
    assert.match(link, /^https:\/\/prod\.liveshare\.vsengsaas\.visualstudio\.com\/join\?/);
    assert.deepEqual(control.calls.share, [{ access: READ_ONLY, suppressNotification: true }]);
    assert.equal(control.calls.getApi.at(-1)?.caller, EXTENSION_ID, 'the API is asked for with our extension id');
    assert.equal(await vscode.env.clipboard.readText(), link);

    // The invitation is one commit in the notes repo, pushed to the remote.
    const invitation = 'pairing/sam-example-com.md';
    assert.equal(commitSubjects(mentee)[0], 'Pairing invitation: Sam Rivera');
    const posted = git(remote, 'show', `main:${invitation}`);
    assert.match(posted, new RegExp(`\\nlink: ${link.replace(/[.?]/g, '\\$&')}\\n`));
    assert.match(posted, /\nhost: Sam Rivera\n[\s\S]*\nbackend: liveshare\n[\s\S]*\naccess: read-only\n/);

    assert.deepEqual(await pairingRows(mentee), ['Hosting · read-only — 0 min of 75', 'Waiting for your guest — the link is copied', 'Copy Invitation Link', 'End Pairing']);
    assert.match(api.pairing.statusBar.text ?? '', /^\$\(live-share\) \d+:\d\d \/ 75 min$/);

    // Live Share's contacts can reach Alex: a direct invite goes out.
    assert.equal(await vscode.commands.executeCommand('mentorship.invitePairingContact'), true);
    assert.deepEqual(control.calls.invites, ['alex@example.com']);

    const guest = control.addGuest('Alex Chen', 'alex@example.com');
    await eventually('the guest in the view', async () => (await pairingRows(mentee)).includes('Alex Chen — guest · read-only'));

    // While hosting, notes are not opened as editors (Live Share would share them).
    await vscode.commands.executeCommand('mentorship.openAgreement', mentee);
    await vscode.commands.executeCommand('mentorship.openAgendaItem', mentee, itemId);
    assert.deepEqual(notesDocumentsOpen(mentee), []);

    control.removeGuest(guest.peerNumber);
    await eventually('the guest gone', async () => !(await pairingRows(mentee)).some((row) => row.startsWith('Alex Chen')));

    await vscode.commands.executeCommand('mentorship.endPairing');
    assert.equal(control.calls.end, 1);
    const ended = await eventually('the session facts', () => api.pairing.controller.lastEnded);
    assert.equal(ended.facts.relationshipRoot, mentee);
    assert.equal(ended.facts.mode, 'pairing');
    assert.equal(ended.facts.minutes, 0);
    assert.match(ended.facts.start ?? '', /^\d\d:\d\d$/);
    assert.deepEqual(ended.facts.participants, ['sam@example.com', 'alex@example.com']);
    assert.deepEqual(ended.facts.agendaItemIds, [itemId]);
    await eventually('the invitation withdrawn', () => !existsSync(path.join(mentee, invitation)) && commitSubjects(mentee)[0] === 'Withdraw pairing invitation: the session ended');
    await eventually('the withdrawal pushed', () => git(remote, 'ls-tree', '--name-only', 'main', 'pairing/') === '');
    assert.equal(api.pairing.statusBar.text, undefined, 'the timer shows only while a session runs');
    assert.deepEqual((await pairingRows(mentee)), ['Sam Rivera with Alex Chen — not pairing · 75 min planned · Live Share', 'Start Pairing with Alex Chen']);

    // "Record Takeaways" with the offered facts: the item opened during the session is listed as discussed.
    const session = await vscode.commands.executeCommand<string>('mentorship.recordTakeaways', ended.facts);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const text = readFileSync(path.join(mentee, session), 'utf8');
    assert.match(text, /\nmode: pairing\n/);
    assert.ok(text.includes(`(mentorship:agenda/${itemId})`), text);
  });

  it('host: the read-write setting shares read-write, said in the invitation; "Share External Files" on is warned about once, without holding up the share', async () => {
    const api = await mentorshipApi();
    await vscode.workspace.getConfiguration('liveshare').update('shareExternalFiles', true, vscode.ConfigurationTarget.Global);
    await setSetting('pairing.guestAccess', 'read-write');
    await vscode.commands.executeCommand('mentorship.startPairing', mentee);
    assert.equal(control.calls.share[0]?.access, READ_WRITE);
    assert.match(readFileSync(path.join(mentee, 'pairing/sam-example-com.md'), 'utf8'), /\naccess: read-write\n/);
    assert.equal((await pairingRows(mentee))[0], 'Hosting · read-write — 0 min of 75');
    assert.equal(api.pairing.controller.warnedAboutExternalFiles, true);
    await vscode.workspace.getConfiguration('liveshare').update('shareExternalFiles', undefined, vscode.ConfigurationTarget.Global);
  });

  it('guest: the mentor sees the invitation while the Pairing view is open, joins it, and ended or expired invitations disappear', async () => {
    await setSetting('pairing.invitationPollSeconds', 5);
    // Sam posts from another machine: a clone of the same remote.
    const samMachine = path.join(tempFolder('sam-machine'), 'notes');
    git(path.dirname(samMachine), 'clone', '--quiet', remote, samMachine);
    git(samMachine, 'config', 'user.name', 'Sam Rivera');
    git(samMachine, 'config', 'user.email', 'sam@example.com');
    const now = Date.now();
    const invitationText = (link: string, started: number, expires: number): string =>
      `---\nhost: Sam Rivera\nhost_email: sam@example.com\nlink: ${link}\nstarted: ${new Date(started).toISOString()}\nexpires: ${new Date(expires).toISOString()}\naccess: read-only\n---\n\n# Sam Rivera is pairing now\n`;
    mkdirSync(path.join(samMachine, 'pairing'), { recursive: true });
    writeFileSync(path.join(samMachine, 'pairing/sam-example-com.md'), invitationText('https://prod.liveshare.vsengsaas.visualstudio.com/join?sam1', now, now + 3_600_000));
    writeFileSync(path.join(samMachine, 'pairing/old-laptop.md'), invitationText('https://prod.liveshare.vsengsaas.visualstudio.com/join?old', now - 7_200_000, now - 3_600_000));
    writeFileSync(path.join(samMachine, 'pairing/hostile.md'), invitationText('command:workbench.action.terminal.new', now, now + 3_600_000));
    // An old invitation (no backend field) is Live Share's: only Live Share's join host is offered.
    writeFileSync(path.join(samMachine, 'pairing/attacker.md'), invitationText('https://attacker.example/join?x', now, now + 3_600_000));
    writeFileSync(path.join(samMachine, 'pairing/lookalike.md'), invitationText('https://prod.liveshare.vsengsaas.visualstud\u0131o.com/join?x', now, now + 3_600_000));
    writeFileSync(path.join(samMachine, 'pairing/port.md'), invitationText('https://127.0.0.1:22/', now, now + 3_600_000));
    git(samMachine, 'add', '-A');
    git(samMachine, 'commit', '--quiet', '-m', 'Pairing invitation: Sam Rivera');
    git(samMachine, 'push', '--quiet', 'origin', 'HEAD');

    try {
      await vscode.commands.executeCommand('mentorship.pairing.focus');
      const rows = await eventually(
        'the invitation in the mentor Pairing view',
        async () => {
          const found = await pairingRows(mentor);
          return found.some((row) => row.startsWith('Sam Rivera is pairing now')) ? found : undefined;
        },
        20_000,
      );
      // Only the open invitation with Live Share's join link: not the expired one, not the hostile ones.
      assert.deepEqual(rows.filter((row) => row.includes('is pairing now')).length, 1, rows.join(' | '));
      assert.match(rows.find((row) => row.includes('is pairing now')) ?? '', /^Sam Rivera is pairing now — Join · since \d\d:\d\d · read-only · Live Share$/);
      // Sam's own clone never offers Sam's invitation.
      assert.ok(!(await pairingRows(mentee)).some((row) => row.includes('is pairing now')));

      await vscode.commands.executeCommand('mentorship.joinPairing', mentor, 'pairing/sam-example-com.md');
      assert.deepEqual(control.calls.join, ['https://prod.liveshare.vsengsaas.visualstudio.com/join?sam1']);
      assert.equal((await pairingRows(mentor))[0], "Joined Sam Rivera's session — 0 min of 75");
      control.endSession();
      // Sam's invitation named Live Share: auto now prefers it for Alex too.
      await eventually('back to idle', async () => (await pairingRows(mentor))[0] === 'Sam Rivera with Alex Chen — not pairing · 75 min planned · Live Share');

      // Sam ends the session: the file is removed and pushed; the row disappears on the next pull.
      git(samMachine, 'rm', '--quiet', 'pairing/sam-example-com.md');
      git(samMachine, 'commit', '--quiet', '-m', 'Withdraw pairing invitation: the session ended');
      git(samMachine, 'push', '--quiet', 'origin', 'HEAD');
      await eventually('the ended invitation gone', async () => !(await pairingRows(mentor)).some((row) => row.includes('is pairing now')), 20_000);
    } finally {
      await setSetting('pairing.invitationPollSeconds', undefined);
    }
  });

  it('Join from Link accepts a pasted Live Share link, trimmed, and refuses look-alikes, other ports, spaces and newlines with the reason', async () => {
    await vscode.commands.executeCommand('mentorship.joinPairingFromLink', '  https://prod.liveshare.vsengsaas.visualstudio.com/join?pasted\n');
    assert.deepEqual(control.calls.join, ['https://prod.liveshare.vsengsaas.visualstudio.com/join?pasted']);
    control.endSession();
    await eventually('idle', async () => (await mentorshipApi()).pairing.session.state.kind === 'idle');
    await shownError(vscode.commands.executeCommand('mentorship.joinPairingFromLink', 'javascript:alert(1)'), /Not joined: Only https:\/\/ links are accepted/);
    await setSetting('pairing.backend', 'liveshare');
    await shownError(vscode.commands.executeCommand('mentorship.joinPairingFromLink', 'https://attacker.example/join?x'), /Not joined: That is not a Live Share join link.*attacker\.example/);
    await shownError(vscode.commands.executeCommand('mentorship.joinPairingFromLink', 'https://prod.liveshare.vsengsaas.visualstud\u0131o.com/join?x'), /look-alike letters/);
    await shownError(vscode.commands.executeCommand('mentorship.joinPairingFromLink', 'https://prod.liveshare.vsengsaas.visualstudio.com:22/join?x'), /port 22/);
    await shownError(vscode.commands.executeCommand('mentorship.joinPairingFromLink', 'https://prod.liveshare.vsengsaas.visualstudio.com/join?a b'), /spaces, line breaks/);
    await shownError(vscode.commands.executeCommand('mentorship.joinPairingFromLink', 'https://prod.liveshare.vsengsaas.visualstudio.com/jo\nin?x'), /spaces, line breaks/);
    assert.equal(control.calls.join.length, 1, 'nothing refused reached Live Share');
  });

  it('API null, signed out, or shareService null: a clear message each, and the rest keeps working', async () => {
    const api = await mentorshipApi();
    // Chosen by the setting: with auto, a Live Share that does not work would give way to OCT.
    await setSetting('pairing.backend', 'liveshare');
    control.apiAvailable = false;
    await shownError(vscode.commands.executeCommand('mentorship.startPairing', mentee), /Live Share did not offer its API to Mentorship/);
    assert.equal(control.calls.share.length, 0);
    assert.ok(!existsSync(path.join(mentee, 'pairing')), 'nothing posted');

    control.apiAvailable = true;
    control.signedIn = false;
    await shownError(vscode.commands.executeCommand('mentorship.startPairing', mentee), /Sign in to Live Share/);
    assert.equal(control.calls.share.length, 0);

    // The agenda still works meanwhile.
    assert.equal((await visibleRows(api.trees.nextSync)).length > 0, true);

    control.signedIn = true;
    control.servicesAllowed = false;
    const link = await vscode.commands.executeCommand<string>('mentorship.startPairing', mentee);
    assert.match(link, /^https:/, 'pairing starts without the shared service');
    assert.equal(api.pairing.session.state.kind, 'hosting');
  });

  it('refuses to share when a notes repo lies inside the workspace folder', async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const inside = path.join(workspace, '.notes-inside');
    git(workspace, 'init', '--quiet', inside);
    try {
      await setSetting('notesRepo.additional', [mentor, inside]);
      await shownError(vscode.commands.executeCommand('mentorship.startPairing', mentee), /Pairing was not started: The notes repo .*inside the workspace folder/);
      assert.equal(control.calls.share.length, 0);
    } finally {
      await setSetting('notesRepo.additional', [mentor]);
      rmSync(inside, { recursive: true, force: true });
    }
  });
});
