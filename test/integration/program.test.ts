import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SUMMARY_FIELDS } from '../../src/core/programSummary';
import { commitSubjects, git, tempFolder } from '../support/git';
import { eventually, labelOf, menteeAndMentorClones, mentorshipApi, setSetting, shownError, visibleRows } from './harness';

// Words found only in the notes below: none may reach the program repo.
const DISTINCTIVE = ['Quokkaflux', 'zanzibarwidget', 'PLUMBUSORACLE', 'velvetmarmoset', 'grizzlecache', 'octarinepivot', 'snarkhunter'];

function programRepo(): string {
  const root = path.join(tempFolder('program'), 'program');
  git(path.dirname(root), 'init', '--quiet', '--initial-branch', 'main', root);
  git(root, 'config', 'user.name', 'Casey Champion');
  git(root, 'config', 'user.email', 'casey@example.com');
  return root;
}

/** Notes full of distinctive words, committed as the mentee would have written them. */
function writeDistinctiveNotes(notes: string): void {
  mkdirSync(path.join(notes, 'sessions'), { recursive: true });
  mkdirSync(path.join(notes, 'updates'), { recursive: true });
  const session = (date: string, rating: number, word: string): string =>
    `---\ndate: ${date}\nminutes: 60\nparticipants: [sam@example.com]\nrating: ${rating}\n---\n# ${word} session\n## Takeaways\n- ${word} in snarkhunter.ts\n## Action items\n- [ ] Sam: study ${word}\n`;
  writeFileSync(path.join(notes, 'sessions', '2026-11-05-aaaa1111.md'), session('2026-11-05', 3, 'Quokkaflux'));
  writeFileSync(path.join(notes, 'sessions', '2026-11-19-bbbb2222.md'), session('2026-11-19', 5, 'PLUMBUSORACLE'));
  writeFileSync(path.join(notes, 'updates', '2026-11-24-cccc3333.md'), '---\ndate: 2026-11-24\nauthor: sam@example.com\n---\n## Blockers\nzanzibarwidget and velvetmarmoset\n## Celebrations\ngrizzlecache octarinepivot\n');
  git(notes, 'add', '-A');
  git(notes, 'commit', '--quiet', '-m', 'Notes');
}

const local = (y: number, m: number, d: number, h = 0): number => new Date(y, m - 1, d, h).getTime();

describe('The champion’s program view in a real VS Code', () => {
  const shown: { title: string; content: string }[] = [];
  before(async () => {
    (await mentorshipApi()).program.useConfirm(async (title, content) => {
      shown.push({ title, content });
      return true;
    });
  });
  afterEach(async () => {
    shown.length = 0;
    await setSetting('program.repoPath', undefined);
    (await mentorshipApi()).schedule.clock.reset();
  });

  it('publishes nothing on one side’s consent; with both, exactly the shown summary with the documented fields and no word of the notes; withdrawal removes it', async () => {
    const api = await mentorshipApi();
    const { mentee, mentor } = await menteeAndMentorClones();
    const program = programRepo();
    await setSetting('program.repoPath', program);
    api.schedule.clock.set(local(2026, 11, 29, 10));
    writeDistinctiveNotes(mentee);
    await vscode.commands.executeCommand('mentorship.refresh');
    await eventually('relationships reloaded', async () => ((await api.directory.relationships()).length === 2 ? true : undefined));

    await vscode.commands.executeCommand('mentorship.setProgramConsent', mentee, { publish: true, shareRatings: true });
    assert.equal(commitSubjects(mentee)[0], 'Program consent: mentee consents to a program summary with ratings');
    assert.match(readFileSync(path.join(mentee, 'mentorship.md'), 'utf8'), /\nprogram_consent:\n {2}mentee:\n {4}publish: true\n {4}share_ratings: true\n {2}mentor:\n {4}publish: false\n/);
    const one = await vscode.commands.executeCommand<{ kind: string; reason: string }>('mentorship.publishProgramSummary', mentee);
    assert.deepEqual(one, { kind: 'nothing', reason: 'Only the mentee has consented; nothing is published until both of you do.' });
    assert.equal(existsSync(path.join(program, 'summaries')), false);
    assert.equal(shown.length, 0, 'nothing was even offered for publishing');

    // The mentor consents on their side (their clone pulls the mentee's answer first).
    await vscode.commands.executeCommand('mentorship.syncNow');
    await vscode.commands.executeCommand('mentorship.setProgramConsent', mentor, { publish: true, shareRatings: false });
    assert.equal(commitSubjects(mentor)[0], 'Program consent: mentor consents to a program summary');
    await vscode.commands.executeCommand('mentorship.syncNow');
    await vscode.commands.executeCommand('mentorship.syncNow');
    const published = await vscode.commands.executeCommand<{ kind: string; file: string; content: string }>('mentorship.publishProgramSummary', mentee);
    assert.equal(published?.kind, 'published');
    assert.equal(published.file, 'summaries/sam-rivera--alex-chen--2026-11-02.json');
    const onDisk = readFileSync(path.join(program, published.file), 'utf8');
    assert.equal(shown.length, 1);
    assert.equal(shown[0]?.content, onDisk, 'the person saw exactly what was published');
    const summary = JSON.parse(onDisk) as Record<string, unknown>;
    assert.deepEqual(Object.keys(summary), [...SUMMARY_FIELDS]);
    assert.deepEqual(
      { ...summary },
      {
        format: 1,
        mentee: 'Sam Rivera',
        mentor: 'Alex Chen',
        status: 'active',
        cadence: 'every two weeks',
        published: '2026-11-29',
        sessions_held: 2,
        sessions_planned: 5,
        minutes: 120,
        days_since_last_sync: 10,
        next_sync: null,
        sessions_per_month: { '2026-11': 2 },
        open_action_items: 2,
        blockers: 1,
        rating_trend: null,
        ratings: null,
      },
      'ratings stay out: only the mentee agreed to share them',
    );
    for (const word of [...DISTINCTIVE, '@', 'Get confident']) assert.equal(onDisk.includes(word), false, `"${word}" left the notes repo`);
    assert.deepEqual(git(program, 'ls-files').split('\n'), [published.file], 'nothing else is in the program repo');
    assert.equal(commitSubjects(program)[0], 'Publish summary: sam-rivera--alex-chen--2026-11-02');

    // The mentee withdraws: the next publish removes the summary.
    await vscode.commands.executeCommand('mentorship.setProgramConsent', mentee, { publish: false, shareRatings: false });
    const withdrawn = await vscode.commands.executeCommand<{ kind: string }>('mentorship.publishProgramSummary', mentee);
    assert.equal(withdrawn?.kind, 'withdrawn');
    assert.equal(existsSync(path.join(program, published.file)), false);
    assert.equal(commitSubjects(program)[0], 'Withdraw summary: sam-rivera--alex-chen--2026-11-02');
    assert.match(shown[1]?.title ?? '', /Consent was withdrawn/);
  });

  it('lists consenting relationships with flags, a malformed summary under Needs attention, updates newest first, and charts', async () => {
    const api = await mentorshipApi();
    const program = programRepo();
    mkdirSync(path.join(program, 'summaries'));
    const summary = (mentee: string, over: Record<string, unknown>): string =>
      JSON.stringify({
        format: 1, mentee, mentor: 'Alex Chen', status: 'active', cadence: 'every two weeks', published: '2026-11-29',
        sessions_held: 4, sessions_planned: 6, minutes: 240, days_since_last_sync: 12, next_sync: '2026-12-01',
        sessions_per_month: { '2026-10': 2, '2026-11': 2 }, open_action_items: 1, blockers: 0, rating_trend: null, ratings: null, ...over,
      });
    writeFileSync(path.join(program, 'summaries', 'ada.json'), summary('Ada Lovelace', {}));
    writeFileSync(path.join(program, 'summaries', 'bo.json'), summary('Bo Diddley', { next_sync: null, days_since_last_sync: 30, rating_trend: 'falling', ratings: { '1': 1, '2': 1, '3': 0, '4': 0, '5': 0 } }));
    writeFileSync(path.join(program, 'summaries', 'evil.json'), summary('<img src=x onerror=alert(1)>', { notes: 'stolen takeaways' }));
    writeFileSync(path.join(program, 'program.md'), '---\noffice_hours: thursday\n---\n');
    git(program, 'add', '-A');
    git(program, 'commit', '--quiet', '-m', 'Seed');
    api.schedule.clock.set(local(2026, 11, 26, 10)); // a Thursday
    await setSetting('program.repoPath', program);
    await eventually('the Program view context key', async () => (((await api.program.tree.getChildren()) ?? []).length > 0 ? true : undefined));
    await vscode.commands.executeCommand('mentorship.postProgramUpdate', { Achievements: 'Three mentees shipped', Blockers: '' });
    api.schedule.clock.set(local(2026, 11, 29, 10));
    await vscode.commands.executeCommand('mentorship.postProgramUpdate', { Blockers: 'No rooms for pairing' });
    assert.equal(commitSubjects(program)[0], 'Post a program update: 2026-11-29');

    const rows = await visibleRows(api.program.tree);
    assert.deepEqual(rows, [
      'Program charts — 2 relationships',
      'Async office hours: Thursdays',
      'Needs attention — 1 file not trusted',
      'Bo Diddley ↔ Alex Chen — 4 of 6 sessions · last 30 days ago · no next sync · slipped cadence, falling ratings',
      'Ada Lovelace ↔ Alex Chen — 4 of 6 sessions · last 12 days ago · next Tue',
      'Async updates — 2',
    ]);
    const top = (await api.program.tree.getChildren()) ?? [];
    const attention = top.find((n) => labelOf(n) === 'Needs attention');
    assert.ok(attention);
    assert.deepEqual(await visibleRows(api.program.tree, attention), ['evil.json — unexpected field "notes"']);
    const updates = top.find((n) => labelOf(n) === 'Async updates');
    assert.ok(updates);
    assert.deepEqual(await visibleRows(api.program.tree, updates), ['2026-11-29 · Casey Champion — Blockers: No rooms for pairing', '2026-11-26 · Casey Champion — Achievements: Three mentees shipped']);

    await vscode.commands.executeCommand('mentorship.openProgramCharts');
    const html = api.program.chartsHtml ?? '';
    assert.match(html, /script-src 'none'/);
    assert.doesNotMatch(html, /<script|onerror|stolen/);
    assert.match(html, /data-label="2026-11" data-value="4"/);
    assert.match(html, /data-label="1 of 5" data-value="1"/);
    assert.match(html, /data-label="needs attention" data-value="1"/);
    assert.match(html, /data-label="on track" data-value="1"/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('refuses a program repo inside a workspace folder, like a notes repo, and writes nothing there', async () => {
    const api = await mentorshipApi();
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(workspace);
    await setSetting('program.repoPath', path.join(workspace, 'program'));
    await shownError(vscode.commands.executeCommand('mentorship.postProgramUpdate', { Achievements: 'x' }), /The program repo .* is inside the workspace folder/);
    const rows = await visibleRows(api.program.tree);
    assert.equal(rows.length, 1);
    assert.match(rows[0] ?? '', /^The program repo .* is inside the workspace folder/);
    assert.equal(existsSync(path.join(workspace, 'program')), false);
  });
});
