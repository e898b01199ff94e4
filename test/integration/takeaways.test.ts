import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SessionFacts } from '../../src/core/sessionFacts';
import type { Relationship } from '../../src/notes/relationship';
import { commitSubjects, git } from '../support/git';
import { SAM_AND_ALEX, eventually, freshNotesLocation, labelOf, mentorshipApi, visibleRows, shownError, menteeAndMentorClones } from './harness';

function workspaceFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'the test window has a workspace folder');
  return folder;
}

async function flag(question: string): Promise<string> {
  const document = await vscode.workspace.openTextDocument(path.join(workspaceFolder(), 'src/cart.ts'));
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(14, 0, 16, 0);
  const file = await vscode.commands.executeCommand<string>('mentorship.flagForNextSync', { question, tags: [] });
  return path.basename(file, '.md');
}

async function onlyRelationship(): Promise<Relationship> {
  const [relationship] = await (await mentorshipApi()).directory.relationships();
  assert.ok(relationship, 'one relationship is loaded');
  return relationship;
}

async function closeFeedbackQuestion(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
}

describe('Takeaways in a real VS Code', () => {
  let notes: string;
  beforeEach(async () => {
    notes = await freshNotesLocation();
    await vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  afterEach(closeFeedbackQuestion);

  it('one location: after an edit moves the flagged code, Next Sync, the Discussed list and the Review all give the new line', async () => {
    const api = await mentorshipApi();
    const id = await flag('Where is this line now?');
    const document = await vscode.workspace.openTextDocument(path.join(workspaceFolder(), 'src/cart.ts'));
    const editor = await vscode.window.showTextDocument(document);
    try {
      // Three lines above the flagged code (not saved: the editor's text is what counts).
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// one\n// two\n// three\n'));
      const rows = await eventually('the moved row', async () => {
        const shown = await visibleRows(api.trees.nextSync);
        return shown.some((r) => r.startsWith('Where is this line now?') && r.includes('src/cart.ts:18')) ? shown : undefined;
      });
      assert.ok(rows.length > 0);
      const facts: SessionFacts = { relationshipRoot: notes, date: '2026-11-24', participants: [], mode: 'pairing', agendaItemIds: [id] };
      const file = await vscode.commands.executeCommand<string>('mentorship.recordTakeaways', facts);
      assert.match(readFileSync(path.join(notes, file), 'utf8'), /\(mentorship:agenda\/[a-z0-9]{8}\) · `src\/cart\.ts:18`/);
      await api.review.show();
      const entry = await eventually('the review entry', () => api.review.model?.entries.find((e) => e.kind === 'agenda' && e.id === id));
      assert.equal(entry.kind === 'agenda' ? entry.where : undefined, 'src/cart.ts:18');
    } finally {
      // Reverted before closing: a dirty editor would ask whether to save.
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('Record Takeaways from a pairing session writes the routine, links the agenda items, commits once per change, and opens it', async () => {
    const api = await mentorshipApi();
    const id = await flag('Why is the total recomputed?');
    const facts: SessionFacts = { relationshipRoot: notes, date: '2026-11-23', start: '16:00', end: '17:05', minutes: 65, participants: ['sam@example.com', 'alex@example.com'], mode: 'pairing', agendaItemIds: [id] };
    const file = await vscode.commands.executeCommand<string>('mentorship.recordTakeaways', facts);
    assert.match(file, /^sessions\/2026-11-23-[a-z0-9]{8}\.md$/);
    const text = readFileSync(path.join(notes, file), 'utf8');
    assert.match(text, /^---\ndate: 2026-11-23\nstart: '?16:00'?\nend: '?17:05'?\nminutes: 65\nparticipants:\n {2}- sam@example.com\n {2}- alex@example.com\nmode: pairing\nagenda:\n {2}- [a-z0-9]{8}\nrating: null\n---\n/);
    for (const section of ['## Check-in', '## Follow-ups', '## Discussed', '## Takeaways', '## Action items', '## Feedback']) assert.ok(text.includes(section), section);
    assert.ok(text.includes(`- [Why is the total recomputed?](mentorship:agenda/${id}) · \`src/cart.ts:15\``), text);
    const subjects = commitSubjects(notes);
    assert.equal(subjects[1], 'Record takeaways: session on 2026-11-23');
    assert.equal(subjects[0], 'Mark discussed: Why is the total recomputed?');
    assert.match(readFileSync(path.join(notes, 'agenda', `${id}.md`), 'utf8'), /\nstatus: discussed\n/);
    // Opened as an editor (not hosting), and listed in the Takeaways view as session #1.
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === path.join(notes, file)));
    assert.deepEqual(await visibleRows(api.trees.takeaways), ['Session on 2026-11-23 — #1 · 2026-11-23 · 65 min · not rated']);
    assert.equal((await visibleRows(api.trees.nextSync))[0], 'Session 2 of 5 — 75 min · every two weeks');

    // The mentee rates it (answered later, through the command the reminder runs).
    await closeFeedbackQuestion();
    await vscode.commands.executeCommand('mentorship.rateSession', notes, file, 4);
    assert.match(readFileSync(path.join(notes, file), 'utf8'), /\nrating: 4\n/);
    assert.equal(commitSubjects(notes)[0], `Rate session ${path.basename(file, '.md')}: 4/5`);
    assert.deepEqual(await visibleRows(api.trees.takeaways), ['Session on 2026-11-23 — #1 · 2026-11-23 · 65 min · rated 4/5']);
    await shownError(vscode.commands.executeCommand('mentorship.rateSession', notes, file, 9), /1 to 5/);
  });

  it('saving the session in the editor commits it; its action items become follow-ups that check off in place', async () => {
    const api = await mentorshipApi();
    const file = await vscode.commands.executeCommand<string>('mentorship.recordTakeaways', { relationshipRoot: notes, date: '2026-11-20', participants: [], mode: 'call', agendaItemIds: [] } satisfies SessionFacts);
    await closeFeedbackQuestion();
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === path.join(notes, file));
    assert.ok(editor, 'the session is open');
    const text = editor.document.getText();
    const edited = text.replace('## Action items\n- [ ] \n', '## Action items\n- [ ] Sam: read about useMemo\n- [ ] Alex: share the profiler recording\n');
    await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), edited));
    await editor.document.save();
    await eventually('the save commit', () => commitSubjects(notes)[0] === `Edit takeaways: ${path.basename(file, '.md')}`);
    assert.equal(readFileSync(path.join(notes, file), 'utf8'), edited);

    // The extension's own node objects (its bundle's classes), found by their context value.
    const followUpsGroup = async (): Promise<vscode.TreeItem | undefined> => ((await api.trees.nextSync.getChildren()) ?? []).find((n) => n.contextValue === 'followUps');
    const followUps = await eventually('the follow-ups group', followUpsGroup);
    assert.equal(followUps.description, '2 open action items from past sessions');
    const items = (await api.trees.nextSync.getChildren(followUps)) ?? [];
    assert.deepEqual(items.map((n) => `${labelOf(n)} — ${String(n.description)}`), ['Sam: read about useMemo — Sam · from 2026-11-20', 'Alex: share the profiler recording — Alex · from 2026-11-20']);
    assert.ok(items.every((n) => n.checkboxState !== undefined && n.contextValue === 'followUp'), 'each follow-up has a checkbox');
    await vscode.commands.executeCommand('mentorship.completeActionItem', items[1]);
    const after = readFileSync(path.join(notes, file), 'utf8');
    assert.ok(after.includes('- [ ] Sam: read about useMemo\n- [x] Alex: share the profiler recording\n'), after);
    assert.equal(after.split('\n').length, edited.split('\n').length, 'only that line changed');
    assert.equal(commitSubjects(notes)[0], 'Done: Alex: share the profiler recording');
    assert.equal((await followUpsGroup())?.description, '1 open action item from past sessions');
  });

  it('lists follow-ups as checkboxes in the next session: a checked one closes the earlier action item on save, an unchecked one carries over', async () => {
    const relationship = await onlyRelationship();
    const earlier = 'sessions/2026-11-10-earlier1.md';
    await relationship.repo.commitFiles([{ path: earlier, content: '---\ndate: 2026-11-10\nrating: null\n---\n# Session on 2026-11-10\n\n## Action items\n- [ ] Sam: read about useMemo\n- [ ] Alex: share the profiler recording\n' }], 'Record takeaways: earlier');
    relationship.sessions.invalidate();
    const file = await vscode.commands.executeCommand<string>('mentorship.recordTakeaways', { relationshipRoot: notes, date: '2026-11-24', participants: [], mode: 'call', agendaItemIds: [] } satisfies SessionFacts);
    const absolute = path.join(notes, file);
    const template = readFileSync(absolute, 'utf8');
    assert.match(template, /## Follow-ups\n- \[ \] Sam: read about useMemo _\(from 2026-11-10\)_\n- \[ \] Alex: share the profiler recording _\(from 2026-11-10\)_\n/);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === absolute);
    assert.ok(editor, 'the session is open');
    const checked = template.replace('- [ ] Sam: read about useMemo _(from', '- [x] Sam: read about useMemo _(from');
    await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), checked));
    await editor.document.save();
    await eventually('the earlier item closed', () => readFileSync(path.join(notes, earlier), 'utf8').includes('- [x] Sam: read about useMemo\n- [ ] Alex: share the profiler recording\n'));
    await eventually('the close commit', () => commitSubjects(notes)[0] === 'Done: Sam: read about useMemo');
    relationship.sessions.invalidate();
    const open = (await relationship.sessions.openActionItems()).map(({ action }) => action.text);
    assert.deepEqual(open, ['Alex: share the profiler recording'], 'the unchecked one carries over, and the mirror lines are not counted twice');
  });

  it('keeps takeaways closed unsaved as a draft and restores them into the editor; saving commits them and drops the draft', async () => {
    const api = await mentorshipApi();
    const file = await vscode.commands.executeCommand<string>('mentorship.recordTakeaways', { relationshipRoot: notes, date: '2026-11-21', participants: [], mode: 'call', agendaItemIds: [] } satisfies SessionFacts);
    await closeFeedbackQuestion();
    const absolute = path.join(notes, file);
    const onDisk = readFileSync(absolute, 'utf8');
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === absolute);
    assert.ok(editor, 'the session is open');
    await vscode.window.showTextDocument(editor.document);
    const written = onDisk.replace('## Takeaways\n', '## Takeaways\n- Profile before memoizing.\n');
    await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), written));
    // Closed with "Don't Save": the words are not on disk, and kept as a draft.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await eventually('the draft', () => api.drafts.list().find((d) => d.file === absolute && d.text === written));
    assert.equal(readFileSync(absolute, 'utf8'), onDisk);
    assert.deepEqual((await api.drafts.kept()).map((d) => d.file), [absolute]);

    await vscode.commands.executeCommand('mentorship.restoreTakeawayDraft', absolute);
    const restored = vscode.window.activeTextEditor;
    assert.equal(restored?.document.uri.fsPath, absolute);
    assert.equal(restored.document.getText(), written);
    assert.ok(restored.document.isDirty, 'restored as unsaved changes, for the user to save');
    await restored.document.save();
    await eventually('the save commit', () => commitSubjects(notes)[0] === `Edit takeaways: ${path.basename(file, '.md')}`);
    assert.equal(readFileSync(absolute, 'utf8'), written);
    await eventually('the draft to be dropped', () => !api.drafts.list().some((d) => d.file === absolute));
  });

  it('Post an Update writes updates/<date>-<id>.md with what was said, visible in the Takeaways view', async () => {
    const api = await mentorshipApi();
    const file = await vscode.commands.executeCommand<string>('mentorship.postUpdate', { Achievements: 'Shipped the cart fix', Blockers: 'Waiting on review' });
    assert.match(file, /^updates\/\d{4}-\d{2}-\d{2}-[a-z0-9]{8}\.md$/);
    const text = readFileSync(path.join(notes, file), 'utf8');
    assert.match(text, /## Achievements\nShipped the cart fix\n/);
    assert.match(text, /## Blockers\nWaiting on review\n/);
    assert.doesNotMatch(text, /## Challenges/);
    assert.match(commitSubjects(notes)[0] ?? '', /^Post an update: /);
    const rows = await visibleRows(api.trees.takeaways);
    assert.match(rows[0] ?? '', /^Update · \d{4}-\d{2}-\d{2} — sam@example\.com · Achievements, Blockers$/, rows.join(' | '));
  });

  it('lists a session file with a rating outside 1–5 under Needs attention and leaves it as written', async () => {
    const api = await mentorshipApi();
    const broken = '---\ndate: 2026-11-01\nrating: 11\n---\n# Hand-written\n';
    const relationship = await onlyRelationship();
    await relationship.repo.commitFiles([{ path: 'sessions/2026-11-01-brokenab.md', content: broken }], 'Hand edit');
    const rows = await visibleRows(api.trees.takeaways);
    assert.ok(rows.includes('Needs attention — 1 file could not be read'), rows.join(' | '));
    const attention = ((await api.trees.takeaways.getChildren()) ?? []).find((n) => labelOf(n) === 'Needs attention');
    assert.ok(attention);
    assert.deepEqual(await visibleRows(api.trees.takeaways, attention), ['2026-11-01-brokenab.md — line 3: "rating" must be a whole number from 1 to 5']);
    assert.equal(readFileSync(path.join(notes, 'sessions/2026-11-01-brokenab.md'), 'utf8'), broken);
  });

  it('renewing the agreement when the planned sessions are used up adds sessions; closing keeps everything readable', async () => {
    const api = await mentorshipApi();
    const relationship = await onlyRelationship();
    for (let i = 1; i <= 5; i++) {
      await relationship.repo.commitFiles([{ path: `sessions/2026-10-0${i}-session${i}.md`, content: `---\ndate: 2026-10-0${i}\n---\n# Session ${i}\n` }], `Session ${i}`);
    }
    await vscode.commands.executeCommand('mentorship.refresh');
    assert.equal((await visibleRows(api.trees.nextSync))[0], 'All 5 sessions held — review the agreement — 75 min · every two weeks');
    await vscode.commands.executeCommand('mentorship.reviewAgreement', notes, { choice: 'renew', sessions: 3 });
    assert.match(readFileSync(path.join(notes, 'mentorship.md'), 'utf8'), /\nsessions_planned: 8\n/);
    assert.equal(commitSubjects(notes)[0], 'Renew the agreement: 8 sessions planned');
    assert.equal((await visibleRows(api.trees.nextSync))[0], 'Session 6 of 8 — 75 min · every two weeks');
    await vscode.commands.executeCommand('mentorship.reviewAgreement', notes, { choice: 'close' });
    assert.match(readFileSync(path.join(notes, 'mentorship.md'), 'utf8'), /\nstatus: closed\n/);
    assert.equal((await visibleRows(api.trees.nextSync))[0], 'Mentorship closed — 75 min · every two weeks');
    assert.equal((await visibleRows(api.trees.takeaways)).length, 5, 'the sessions stay listed');
  });
});

describe('Sync between the mentee and the mentor clones', () => {
  let remote: string;
  let mentee: string;
  let mentor: string;

  beforeEach(async () => {
    ({ remote, mentee, mentor } = await menteeAndMentorClones());
  });

  afterEach(closeFeedbackQuestion);

  async function syncBoth(): Promise<void> {
    for (let round = 0; round < 2; round++) await vscode.commands.executeCommand('mentorship.syncNow');
  }

  it('both record takeaways at the same time: after syncing, both files are on both sides', async () => {
    const base = { date: '2026-11-23', participants: ['sam@example.com', 'alex@example.com'], mode: 'pairing', agendaItemIds: [] } as const;
    const [fromMentee, fromMentor] = await Promise.all([
      vscode.commands.executeCommand<string>('mentorship.recordTakeaways', { ...base, relationshipRoot: mentee }),
      vscode.commands.executeCommand<string>('mentorship.recordTakeaways', { ...base, relationshipRoot: mentor }),
    ]);
    assert.notEqual(fromMentee, fromMentor);
    await syncBoth();
    for (const clone of [mentee, mentor]) {
      for (const file of [fromMentee, fromMentor]) assert.ok(readFileSync(path.join(clone, file), 'utf8').startsWith('---\ndate: 2026-11-23\n'), `${file} in ${clone}`);
      assert.equal(git(clone, 'status', '--porcelain'), '');
    }
    assert.equal(git(remote, 'rev-parse', 'main'), git(mentee, 'rev-parse', 'HEAD'));
    assert.equal(git(remote, 'rev-parse', 'main'), git(mentor, 'rev-parse', 'HEAD'));
  });

  it('the same session file edited on both sides: both versions kept, no conflict markers in any commit, shown in the view', async () => {
    const api = await mentorshipApi();
    const file = await vscode.commands.executeCommand<string>('mentorship.recordTakeaways', { relationshipRoot: mentee, date: '2026-11-21', participants: [], mode: 'call', agendaItemIds: [] } satisfies SessionFacts);
    await syncBoth();
    const original = readFileSync(path.join(mentor, file), 'utf8');
    const [menteeRel, mentorRel] = await Promise.all([mentee, mentor].map(async (root) => (await api.directory.relationships()).find((r) => r.root === root)));
    assert.ok(menteeRel && mentorRel);
    await mentorRel.repo.commitFiles([{ path: file, content: original.replace('## Takeaways\n- \n', '## Takeaways\n- Alex: memoize the selector\n') }], 'Alex edits');
    await mentorRel.sync.syncNow();
    await menteeRel.repo.commitFiles([{ path: file, content: original.replace('## Takeaways\n- \n', '## Takeaways\n- Sam: derive, do not sync\n') }], 'Sam edits');
    const outcome = await menteeRel.sync.syncNow();
    assert.equal(outcome.kind, 'synced', JSON.stringify(outcome));
    const copies = git(mentee, 'ls-files', 'conflicts').split('\n').filter(Boolean);
    assert.equal(copies.length, 1);
    assert.match(readFileSync(path.join(mentee, file), 'utf8'), /- Sam: derive, do not sync/);
    assert.match(readFileSync(path.join(mentee, copies[0] ?? ''), 'utf8'), /- Alex: memoize the selector/);
    for (const clone of [mentee, remote]) assert.doesNotMatch(git(clone, 'log', '-p', '--all', '--format=%s'), /^\+?(<{7}|>{7})/m, clone);
    await mentorRel.sync.syncNow();
    assert.match(readFileSync(path.join(mentor, copies[0] ?? ''), 'utf8'), /- Alex: memoize the selector/);
    const top = (await api.trees.takeaways.getChildren()) ?? [];
    const menteeNode = top[0];
    assert.ok(menteeNode);
    const rows = await visibleRows(api.trees.takeaways, menteeNode);
    assert.equal(rows[0], 'Kept both versions — 1 to merge by hand');
  });
});
