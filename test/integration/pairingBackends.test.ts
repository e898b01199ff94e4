import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OctStandInControl } from '../fixtures/oct-standin/src/extension';
import type { StandInControl } from '../fixtures/liveshare-standin/src/extension';
import { commitSubjects, git } from '../support/git';
import { eventually, mentorshipApi, menteeAndMentorClones, setSetting, shownError } from './harness';
import { acceptPickUntil, invitationText, liveShareStandIn, octStandIn, pairingRows } from './pairingHelpers';

const INVITATION = 'pairing/sam-example-com.md';
const ROOM = /^[A-Za-z0-9]{24}$/;

function notesDocumentsOpen(root: string): string[] {
  return vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' && d.uri.fsPath.startsWith(root)).map((d) => d.uri.fsPath);
}

/** Sam's invitation as it arrives in Alex's clone after a pull. */
async function invitationArrives(mentor: string, link: string, backend?: string): Promise<void> {
  mkdirSync(path.join(mentor, 'pairing'), { recursive: true });
  writeFileSync(path.join(mentor, INVITATION), invitationText({ link, ...(backend ? { backend } : {}), started: Date.now(), expires: Date.now() + 3_600_000 }));
  git(mentor, 'add', '-A');
  git(mentor, 'commit', '--quiet', '-m', 'Pairing invitation: Sam Rivera');
  await (await mentorshipApi()).directory.refresh();
}

async function endIfRunning(): Promise<void> {
  const api = await mentorshipApi();
  if (api.pairing.session.state.kind !== 'idle') await vscode.commands.executeCommand('mentorship.endPairing');
  await eventually('idle', () => api.pairing.session.state.kind === 'idle');
}

describe('Pairing over Open Collaboration Tools and links (the stand-ins)', () => {
  let remote: string;
  let mentee: string;
  let mentor: string;
  let oct: OctStandInControl;
  let liveShare: StandInControl;

  beforeEach(async () => {
    oct = await octStandIn();
    oct.reset();
    liveShare = await liveShareStandIn();
    liveShare.reset();
    ({ remote, mentee, mentor } = await menteeAndMentorClones());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await endIfRunning();
    await setSetting('pairing.backend', undefined);
    await vscode.workspace.getConfiguration('oct').update('serverUrl', undefined, vscode.ConfigurationTarget.Global);
  });

  it('OCT host (0.3.x): says it cannot share read-only first, takes the room id from the clipboard, posts <server>#<room> naming oct; End closes it and offers the takeaways', async () => {
    const api = await mentorshipApi();
    await setSetting('pairing.backend', 'oct');
    const started = api.pairing.controller.start({ relationshipRoot: mentee });
    // Nothing is shared before the host has answered the read-only notice.
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(oct.calls.createRoom.length, 0, 'no room before the notice is answered');
    await acceptPickUntil('the room created', () => oct.calls.createRoom.length > 0);
    const link = await started;
    const roomId = oct.calls.createRoom[0]?.roomId ?? '';
    assert.match(roomId, ROOM);
    assert.deepEqual(oct.calls.createRoom[0]?.args, [], 'oct.createRoom takes no arguments');
    assert.equal(link, `https://api.open-collab.tools/#${roomId}`);
    assert.equal(await vscode.env.clipboard.readText(), link);

    const posted = git(remote, 'show', `main:${INVITATION}`);
    assert.match(posted, new RegExp(`\\nbackend: oct\\nlink: https://api\\.open-collab\\.tools/#${roomId}\\n`));
    assert.match(posted, /\naccess: read-write\n/);
    assert.match(posted, /paste it into Open Collaboration Tools/);

    const rows = await pairingRows(mentee);
    assert.match(rows[0] ?? '', /^Hosting · read-write — \d+ min of 75$/);
    assert.deepEqual(rows.slice(1), ['The link is copied — your guest shows in Open Collaboration Tools', 'Copy Invitation Link', 'End Pairing']);
    assert.match(api.pairing.statusBar.text ?? '', /^\$\(broadcast\) \d+:\d\d \/ 75 min$/);

    // The confidentiality rules hold: notes are not opened as editors while hosting.
    await vscode.commands.executeCommand('mentorship.openAgreement', mentee);
    assert.deepEqual(notesDocumentsOpen(mentee), []);

    await vscode.commands.executeCommand('mentorship.endPairing');
    assert.equal(oct.calls.closeConnection, 1);
    const ended = await eventually('the session facts', () => api.pairing.controller.lastEnded);
    assert.equal(ended.state.backend, 'oct');
    assert.equal(ended.facts.relationshipRoot, mentee);
    assert.deepEqual(ended.facts.participants, ['sam@example.com']);
    await eventually('the invitation withdrawn', () => !existsSync(path.join(mentee, INVITATION)) && commitSubjects(mentee)[0] === 'Withdraw pairing invitation: the session ended');
    assert.equal(api.pairing.statusBar.text, undefined);
  });

  it('OCT host (later version): the room id is what oct.createRoom returns; a cancelled sign-in posts nothing', async () => {
    const api = await mentorshipApi();
    await setSetting('pairing.backend', 'oct');
    oct.useVersion('0.4.0');
    oct.copiesToClipboard = false;
    const started = api.pairing.controller.start({ relationshipRoot: mentee });
    await acceptPickUntil('the room created', () => oct.calls.createRoom.length > 0);
    const link = await started;
    assert.equal(link, `https://api.open-collab.tools/#${oct.calls.createRoom[0]?.roomId ?? ''}`);
    await endIfRunning();

    oct.useVersion('0.3.8');
    oct.signInCancelled = true;
    const cancelled = api.pairing.controller.start({ relationshipRoot: mentee });
    await acceptPickUntil('the second createRoom', () => oct.calls.createRoom.length > 1);
    // The controller itself (not a command) rejects with the message the command would show.
    await assert.rejects(cancelled, /Open Collaboration Tools did not create a room.*Nothing was posted/);
    assert.equal(api.pairing.session.state.kind, 'idle');
    assert.ok(!existsSync(path.join(mentee, INVITATION)), 'nothing posted');
  });

  it('OCT activates late: Start Pairing waits for its commands (its status bar item) before creating the room', async () => {
    const api = await mentorshipApi();
    await setSetting('pairing.backend', 'oct');
    const asked = Date.now();
    oct.restart(2500);
    assert.ok(!(await vscode.commands.getCommands(true)).includes('oct.createRoom'), 'the commands are gone while OCT starts');
    const started = api.pairing.controller.start({ relationshipRoot: mentee });
    await acceptPickUntil('the room created', () => oct.calls.createRoom.length > 0);
    assert.match((await started) ?? '', /^https:\/\/api\.open-collab\.tools\/#[A-Za-z0-9]{24}$/);
    assert.ok(oct.calls.commandsReadyAt - asked >= 2400, `the commands came ${oct.calls.commandsReadyAt - asked} ms later`);
  });

  it('OCT guest (0.3.x): Join copies the invitation, says to paste it, opens the join box; the pasted code joins the room and the window would reload', async () => {
    const api = await mentorshipApi();
    const link = 'https://api.open-collab.tools/#a1B2c3D4e5F6g7H8i9J0k1L2';
    await invitationArrives(mentor, link, 'oct');
    const rows = await pairingRows(mentor);
    assert.ok(rows.some((row) => /^Sam Rivera is pairing now — Join · since \d\d:\d\d · read-write · Open Collaboration Tools$/.test(row)), rows.join(' | '));

    const joining = vscode.commands.executeCommand('mentorship.joinPairing', mentor, INVITATION);
    const box = await eventually('the OCT join box', () => oct.joinBox);
    assert.deepEqual(oct.calls.joinRoom[0]?.args, [], '0.3.x gets no argument');
    assert.equal(await vscode.env.clipboard.readText(), link, 'the invitation is on the clipboard to paste');
    box.value = await vscode.env.clipboard.readText(); // the user pastes
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await joining;
    assert.deepEqual(oct.calls.joined, [{ roomId: 'a1B2c3D4e5F6g7H8i9J0k1L2', serverUrl: 'https://api.open-collab.tools/' }]);
    assert.equal(oct.calls.reloads, 1);
    assert.equal(api.pairing.session.state.kind, 'joined');
    assert.match((await pairingRows(mentor))[0] ?? '', /^Joined Sam Rivera's session — \d+ min of 75$/);

    await vscode.commands.executeCommand('mentorship.endPairing');
    assert.equal(oct.calls.closeConnection, 1);
    const ended = await eventually('the session facts', () => api.pairing.controller.lastEnded);
    assert.equal(ended.facts.relationshipRoot, mentor);
    assert.equal(ended.facts.mode, 'pairing');
  });

  it('OCT guest (later version): the code goes to oct.joinRoom; rooms on a server other than the configured one are refused', async () => {
    const api = await mentorshipApi();
    oct.useVersion('0.4.0');
    await vscode.commands.executeCommand('mentorship.joinPairingFromLink', 'https://api.open-collab.tools/#a1B2c3D4e5F6g7H8i9J0k1L2');
    assert.deepEqual(oct.calls.joinRoom.map((c) => c.args), [['a1B2c3D4e5F6g7H8i9J0k1L2']]);
    assert.equal(oct.joinBox, undefined, 'no box to paste into');
    assert.equal(api.pairing.session.state.kind === 'idle' ? undefined : api.pairing.session.state.backend, 'oct');
    await endIfRunning();

    await shownError(vscode.commands.executeCommand('mentorship.joinPairingFromLink', 'https://evil.example/#a1B2c3D4e5F6g7H8i9J0k1L2'), /Not joined: .*on https:\/\/evil\.example\/, not on the server you configured \(https:\/\/api\.open-collab\.tools\/\)/);
    await shownError(vscode.commands.executeCommand('mentorship.joinPairingFromLink', 'https://api.open-collab.tools:8443/#a1B2c3D4e5F6g7H8i9J0k1L2'), /port 8443/);
    // A self-hosted server: its rooms are accepted, the public server's are not.
    await vscode.workspace.getConfiguration('oct').update('serverUrl', 'https://oct.example.org/', vscode.ConfigurationTarget.Global);
    await shownError(vscode.commands.executeCommand('mentorship.joinPairingFromLink', 'https://api.open-collab.tools/#a1B2c3D4e5F6g7H8i9J0k1L2'), /not on the server you configured \(https:\/\/oct\.example\.org\/\)/);
    await vscode.commands.executeCommand('mentorship.joinPairingFromLink', 'https://oct.example.org/#ZZZZc3D4e5F6g7H8i9J0k1L2');
    assert.deepEqual(oct.calls.joined.map((j) => j.roomId), ['a1B2c3D4e5F6g7H8i9J0k1L2', 'ZZZZc3D4e5F6g7H8i9J0k1L2']);
  });

  it('link host: says a link cannot be read-only, posts the pasted link (trimmed) naming link; the timer runs and End offers the takeaways', async () => {
    const api = await mentorshipApi();
    await setSetting('pairing.backend', 'link');
    const started = api.pairing.controller.start({ relationshipRoot: mentee, link: '  https://meet.example.org/abc-defg-hij\n' });
    await acceptPickUntil('hosting', () => api.pairing.session.state.kind === 'hosting');
    assert.equal(await started, 'https://meet.example.org/abc-defg-hij');
    const posted = git(remote, 'show', `main:${INVITATION}`);
    assert.match(posted, /\nbackend: link\nlink: https:\/\/meet\.example\.org\/abc-defg-hij\n/);
    const rows = await pairingRows(mentee);
    assert.deepEqual(rows.slice(1), ['The link is copied — your guest shows in the meeting', 'Copy Invitation Link', 'End Pairing']);
    assert.match(api.pairing.statusBar.text ?? '', /^\$\(link-external\) \d+:\d\d \/ 75 min$/);
    await vscode.commands.executeCommand('mentorship.endPairing');
    const ended = await eventually('the session facts', () => api.pairing.controller.lastEnded);
    assert.equal(ended.state.backend, 'link');
    await eventually('the invitation withdrawn', () => !existsSync(path.join(mentee, INVITATION)));

    // A link the backend would not post is refused with the reason, before anything is posted.
    // The outcome is caught at once, so the refusal is never an unhandled rejection while we wait.
    let refusal: unknown;
    let settled = false;
    void api.pairing.controller
      .start({ relationshipRoot: mentee, link: 'https://127.0.0.1:22/' })
      .then(
        () => undefined,
        (error: unknown) => (refusal = error),
      )
      .finally(() => (settled = true));
    await acceptPickUntil('the refusal', () => settled);
    assert.match(String(refusal), /Pairing was not started: The link names port 22/);
    assert.ok(!existsSync(path.join(mentee, INVITATION)));
  });

  it('link guest: Join names the host and the link, opens it in the browser only after the mentor confirms; hostile meeting links are not offered', async () => {
    const api = await mentorshipApi();
    await invitationArrives(mentor, 'https://meet.example.org/abc-defg-hij', 'link');
    const rows = await pairingRows(mentor);
    assert.ok(rows.some((row) => /^Sam Rivera is pairing now — Join · since \d\d:\d\d · read-write · opens meet\.example\.org$/.test(row)), rows.join(' | '));

    // Cancelled: nothing opens, no session.
    const cancelled = vscode.commands.executeCommand('mentorship.joinPairing', mentor, INVITATION);
    await new Promise((r) => setTimeout(r, 700));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await cancelled;
    assert.equal(api.pairing.session.state.kind, 'idle');

    // (VS Code itself may then ask before opening an untrusted domain: the join does not wait for that.)
    void vscode.commands.executeCommand('mentorship.joinPairing', mentor, INVITATION);
    await acceptPickUntil('joined', () => api.pairing.session.state.kind === 'joined');
    const state = api.pairing.session.state as { kind: string; backend?: string; link?: string };
    assert.deepEqual([state.kind, state.backend, state.link], ['joined', 'link', 'https://meet.example.org/abc-defg-hij']);
    assert.match((await pairingRows(mentor))[0] ?? '', /^Joined Sam Rivera's session — \d+ min of 75$/);
    await vscode.commands.executeCommand('mentorship.endPairing');
    await eventually('the session facts', () => api.pairing.controller.lastEnded?.facts.relationshipRoot === mentor);

    // An address instead of a service name is not offered.
    git(mentor, 'rm', '--quiet', INVITATION);
    git(mentor, 'commit', '--quiet', '-m', 'Withdraw pairing invitation: the session ended');
    await invitationArrives(mentor, 'https://127.0.0.1/meeting', 'link');
    assert.ok(!(await pairingRows(mentor)).some((row) => row.includes('is pairing now')));
  });

  it('auto: a Live Share that does not work gives way to OCT; the other person\'s backend is preferred and named in the view', async () => {
    const api = await mentorshipApi();
    assert.match((await pairingRows(mentee))[0] ?? '', /not pairing · 75 min planned · Live Share$/);
    liveShare.apiAvailable = false;
    const started = api.pairing.controller.start({ relationshipRoot: mentee });
    await acceptPickUntil('the OCT room', () => oct.calls.createRoom.length > 0);
    assert.match((await started) ?? '', /^https:\/\/api\.open-collab\.tools\/#/);
    assert.equal(liveShare.calls.share.length, 0);
    await endIfRunning();
    liveShare.apiAvailable = true;

    // Sam hosted over OCT: Alex's auto now starts with OCT, and the view says so.
    await invitationArrives(mentor, 'https://api.open-collab.tools/#a1B2c3D4e5F6g7H8i9J0k1L2', 'oct');
    await eventually('OCT named for Alex', async () => /· Open Collaboration Tools$/.test((await pairingRows(mentor))[0] ?? ''));
    assert.equal(api.pairing.controller.plannedBackend(mentor).id, 'oct');
    assert.equal(api.pairing.controller.plannedBackend(mentee).id, 'liveshare');
    const text = readFileSync(path.join(mentor, INVITATION), 'utf8');
    assert.match(text, /\nbackend: oct\n/);
  });
});
