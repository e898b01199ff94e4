import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { bareRemote, commitSubjects, git } from '../support/git';
import { SAM_AND_ALEX, eventually, freshNotesLocation, labelOf, mentorshipApi, setSetting, visibleRows, shownError } from './harness';


describe('Mentorship in a real VS Code', () => {
  it('registers the Mentorship container with its three views and its commands', async () => {
    const api = await mentorshipApi();
    assert.ok(api.trees.nextSync && api.trees.pairing && api.trees.takeaways);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['setUpMentorship', 'openNotesRepo', 'cloneNotesRepo', 'connectRemote', 'syncNow']) {
      assert.ok(commands.includes(`mentorship.${id}`), `command mentorship.${id} is registered`);
    }
    // The workbench creates these commands only for a registered container and views.
    for (const id of ['workbench.view.extension.mentorship', 'mentorship.nextSync.focus', 'mentorship.pairing.focus', 'mentorship.takeaways.focus']) {
      assert.ok(commands.includes(id), `${id} exists`);
    }
    await vscode.commands.executeCommand('workbench.view.extension.mentorship');
  });

  it('shows an empty Next Sync (so its welcome view explains the next step) before any setup', async () => {
    const api = await mentorshipApi();
    const notes = await freshNotesLocation();
    assert.deepEqual(await visibleRows(api.trees.nextSync), []);
    assert.equal(existsSync(notes), false, 'no repo is created until it is needed');
  });

  it('Set Up a Mentorship writes mentorship.md with the entered values as one commit', async () => {
    const api = await mentorshipApi();
    const notes = await freshNotesLocation();
    const root = await vscode.commands.executeCommand<string>('mentorship.setUpMentorship', SAM_AND_ALEX);
    assert.equal(root, notes);
    const text = readFileSync(path.join(notes, 'mentorship.md'), 'utf8');
    assert.match(text, /^---\n/);
    assert.match(text, /mentee:\n {2}name: Sam Rivera\n {2}email: sam@example.com/);
    assert.match(text, /mentor:\n {2}name: Alex Chen\n {2}email: alex@example.com/);
    assert.match(text, /purpose: Get confident reviewing React performance/);
    assert.match(text, /sessions_planned: 5\nminutes_per_session: 75\ncadence: every two weeks\nstarted: 2026-11-02/);
    assert.deepEqual(commitSubjects(notes), ['Set up mentorship: Sam Rivera ↔ Alex Chen']);
    assert.equal(git(notes, 'log', '-1', '--format=%an <%ae>'), 'Sam Rivera <sam@example.com>');
    assert.equal(git(notes, 'status', '--porcelain'), '', 'nothing is left uncommitted');
    const rows = await visibleRows(api.trees.nextSync);
    assert.equal(rows[0], 'Session 1 of 5 — 75 min · every two weeks');
    assert.ok(rows.some((row) => row.startsWith('Nothing on the agenda yet')), rows.join(' | '));
    assert.deepEqual(await visibleRows(api.trees.pairing), ['Sam Rivera with Alex Chen — not pairing · 75 min planned · Live Share', 'Start Pairing with Alex Chen']);
    assert.deepEqual(await visibleRows(api.trees.takeaways), ['No sessions recorded yet — run "Record Takeaways" after a session']);
  });

  it('pushes to a bare remote, and a clone of it shows the same relationship side by side', async () => {
    const api = await mentorshipApi();
    const notes = await freshNotesLocation();
    await vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX);
    const remote = bareRemote();
    const outcome = await vscode.commands.executeCommand<{ kind: string }>('mentorship.connectRemote', notes, remote);
    assert.equal(outcome?.kind, 'synced');
    assert.deepEqual(commitSubjects(remote, 'main'), ['Set up mentorship: Sam Rivera ↔ Alex Chen']);
    assert.equal(vscode.workspace.getConfiguration('mentorship').get('notesRepo.remote'), remote, 'the remote is remembered in the machine setting');

    const clone = await vscode.commands.executeCommand<string>('mentorship.cloneNotesRepo', remote);
    assert.ok(clone && clone !== notes);
    assert.equal(readFileSync(path.join(clone, 'mentorship.md'), 'utf8'), readFileSync(path.join(notes, 'mentorship.md'), 'utf8'));
    const top = (await api.trees.nextSync.getChildren()) ?? [];
    assert.deepEqual(top.map(labelOf), ['Sam Rivera ↔ Alex Chen', 'Sam Rivera ↔ Alex Chen'], 'two relationships are grouped');
    const [first] = top;
    assert.ok(first);
    assert.equal((await visibleRows(api.trees.nextSync, first))[0], 'Session 1 of 5 — 75 min · every two weeks');
  });

  it('Disconnect Remote removes the remote and the remembered setting; the notes stay', async () => {
    const notes = await freshNotesLocation();
    await vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX);
    const remote = bareRemote();
    await vscode.commands.executeCommand('mentorship.connectRemote', notes, remote);
    assert.equal(git(notes, 'remote').trim(), 'origin');
    assert.equal(await vscode.commands.executeCommand('mentorship.disconnectRemote', notes, true), true);
    assert.equal(git(notes, 'remote').trim(), '', 'no remote left');
    assert.equal(vscode.workspace.getConfiguration('mentorship').get('notesRepo.remote') || undefined, undefined, 'the setting no longer reconnects it');
    assert.deepEqual(commitSubjects(notes), ['Set up mentorship: Sam Rivera ↔ Alex Chen'], 'the notes stay');
  });

  it('keeps the commit local while the remote is unreachable, says so, and pushes when it returns', async () => {
    const api = await mentorshipApi();
    const notes = await freshNotesLocation();
    await vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX);
    const remote = path.join(path.dirname(bareRemote()), 'not-there-yet.git');
    const offline = await vscode.commands.executeCommand<{ kind: string; pending: number }>('mentorship.connectRemote', notes, remote);
    assert.equal(offline?.kind, 'offline');
    assert.equal(offline?.pending, 1);
    assert.deepEqual(commitSubjects(notes), ['Set up mentorship: Sam Rivera ↔ Alex Chen'], 'the local commit stays');
    // The background sync keeps retrying and says how many commits wait.
    const state = await eventually('the offline sync state', async () => {
      const [relationship] = await api.directory.relationships();
      return relationship?.sync.state.kind === 'offline' ? relationship.sync.state : undefined;
    });
    assert.equal(state.pending, 1);

    git(path.dirname(remote), 'init', '--quiet', '--bare', '--initial-branch', 'main', remote);
    const back = await vscode.commands.executeCommand<{ kind: string }>('mentorship.syncNow');
    assert.equal(back?.kind, 'synced');
    assert.deepEqual(commitSubjects(remote, 'main'), ['Set up mentorship: Sam Rivera ↔ Alex Chen']);
  });

  it('refuses a notes repo inside a workspace folder, with the reason', async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(workspace, 'the test window has a workspace folder');
    await setSetting('notesRepo.additional', undefined);
    await setSetting('notesRepo.path', path.join(workspace, 'notes'));
    await shownError(vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX), /inside the workspace folder/);
    assert.equal(existsSync(path.join(workspace, 'notes')), false, 'nothing was written into the workspace');
  });

  it('refuses remotes git would read as options or command transports, before git runs', async () => {
    const notes = await freshNotesLocation();
    await vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX);
    for (const hostile of ['--upload-pack=touch /tmp/pwned', 'ext::sh -c touch% /tmp/pwned', 'fd::17', 'http://example.com/notes.git', 'https://user:token@example.com/n.git']) {
      await shownError(vscode.commands.executeCommand('mentorship.connectRemote', notes, hostile), /refused|may not start|password|Only https|not a valid/i, hostile);
    }
    assert.equal(git(notes, 'remote'), '', 'no remote was added');
  });

  it('says once that git is missing, with what to do, and creates nothing', async () => {
    const api = await mentorshipApi();
    const notes = await freshNotesLocation();
    await setSetting('git.path', '/nonexistent/bin/git');
    try {
      await shownError(vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX), /git could not be run.*Install git/);
      assert.equal(existsSync(notes), false);
      // An existing notes repo cannot be read either: the view says why.
      git(path.dirname(notes), 'init', '--quiet', notes);
      await setSetting('notesRepo.additional', [notes]);
      const rows = await visibleRows(api.trees.nextSync);
      assert.equal(rows.length, 1);
      assert.match(rows[0] ?? '', /^Mentorship keeps notes in git, but git could not be run/);
    } finally {
      await setSetting('git.path', undefined);
    }
  });

  it('lists a hand-broken mentorship.md with file and line, and never overwrites it', async () => {
    const api = await mentorshipApi();
    const notes = await freshNotesLocation();
    await vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX);
    const file = path.join(notes, 'mentorship.md');
    const broken = readFileSync(file, 'utf8').replace('sessions_planned: 5', 'sessions_planned: [5');
    writeFileSync(file, broken);
    await vscode.commands.executeCommand('mentorship.refresh');
    const rows = await eventually('the problem row', async () => {
      const shown = await visibleRows(api.trees.nextSync);
      return shown.some((row) => row.startsWith('mentorship.md — line')) ? shown : undefined;
    });
    assert.match(rows[0] ?? '', /^mentorship\.md — line \d+: /);
    await vscode.commands.executeCommand('mentorship.syncNow');
    assert.equal(readFileSync(file, 'utf8'), broken, 'the broken file is left as the user wrote it');
  });
});
