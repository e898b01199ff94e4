import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReviewSession } from '../../src/core/reviewProtocol';
import type { Relationship } from '../../src/notes/relationship';
import { commitSubjects, git } from '../support/git';
import { SAM_AND_ALEX, eventually, freshNotesLocation, mentorshipApi } from './harness';

const SESSION = [
  '---',
  'date: 2026-11-09',
  'minutes: 60',
  'participants: [sam@example.com, alex@example.com]',
  'mode: call',
  'agenda: []',
  'rating: 4',
  '---',
  '',
  '# Session on selectors',
  '',
  '## Takeaways',
  '- Memoize the selector, not the component.',
  '',
  '## Action items',
  '- [ ] Sam: rewrite the cart selector',
  '- [ ] Alex: send the reselect article',
  '',
].join('\n');

/** Every file under the notes repo with its modification time, to prove nothing was written. */
function snapshotFiles(root: string): string {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      if (name === '.git') return [];
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? walk(file) : [`${path.relative(root, file)}@${statSync(file).mtimeMs}`];
    });
  return walk(root).sort().join('\n');
}

describe('Review webview (host side) in a real VS Code', () => {
  let notes: string;
  let relationship: Relationship;

  beforeEach(async () => {
    notes = await freshNotesLocation();
    await vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX);
    const [loaded] = await (await mentorshipApi()).directory.relationships();
    assert.ok(loaded);
    relationship = loaded;
    await relationship.repo.commitFiles([{ path: 'sessions/2026-11-09-sel3ct0r.md', content: SESSION }], 'Record takeaways: session on 2026-11-09');
    await vscode.commands.executeCommand('mentorship.refresh');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function openReview(): Promise<ReviewSession> {
    const api = await mentorshipApi();
    const rendered = new Promise<{ ms: number; entries: number }>((resolve) => {
      const subscription = api.review.onDidRender((event) => {
        subscription.dispose();
        resolve(event);
      });
    });
    await vscode.commands.executeCommand('mentorship.openReview', notes, 'sessions/2026-11-09-sel3ct0r.md');
    const { entries } = await rendered;
    assert.equal(entries, 1, 'the page rendered the one session');
    const session = api.review.model?.entries.find((e) => e.kind === 'session');
    assert.ok(session && session.kind === 'session');
    return session;
  }

  it('opens from a session row, sends the session with its counts, under a CSP with a fresh nonce per render', async () => {
    const api = await mentorshipApi();
    const session = await openReview();
    assert.equal(session.title, 'Session on selectors');
    assert.equal(session.rating, 4);
    assert.equal(session.takeawayCount, 1);
    assert.equal(session.actionItemCount, 2);
    assert.equal(session.openActionItems, 2);
    const first = api.review.html ?? '';
    assert.match(first, /default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]{24}'/);
    assert.match(first, /base-uri 'none'; form-action 'none'/);
    assert.doesNotMatch(first, /unsafe-inline|unsafe-eval/);
    const nonce = /nonce-([A-Za-z0-9+/=]+)/.exec(first)?.[1];
    assert.ok(first.includes(`<script nonce="${nonce}"`));
    // Closed and opened again: a new page, a new nonce.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await openReview();
    const second = /nonce-([A-Za-z0-9+/=]+)/.exec(api.review.html ?? '')?.[1];
    assert.ok(second && second !== nonce, 'a fresh nonce');
  });

  it('ties its listeners to the panel: closing it leaves none behind, however often it is opened', async () => {
    const api = await mentorshipApi();
    for (let round = 1; round <= 3; round++) {
      await openReview();
      assert.equal(api.review.panelListenerCount, 2, `round ${round}: messages and view state, while open`);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await eventually(`round ${round}: the panel closed`, () => api.review.panelListenerCount === 0);
    }
  });

  it('checks off an action item sent by the page: that line changes in the session file, as one commit', async () => {
    const api = await mentorshipApi();
    const session = await openReview();
    const before = commitSubjects(notes).length;
    await api.review.receive({ type: 'setActionItemDone', relationship: session.relationship, session: session.id, line: 16, done: true });
    const text = readFileSync(path.join(notes, 'sessions/2026-11-09-sel3ct0r.md'), 'utf8');
    assert.ok(text.includes('- [ ] Sam: rewrite the cart selector\n- [x] Alex: send the reselect article\n'), text);
    assert.equal(commitSubjects(notes).length, before + 1);
    assert.equal(commitSubjects(notes)[0], 'Done: Alex: send the reselect article');
    // The page gets the new state.
    await eventually('the model updated', () => api.review.model?.entries.some((e) => e.kind === 'session' && e.openActionItems === 1));
  });

  it('random and hostile messages cause no file write, no commit, no editor and no command', async () => {
    const api = await mentorshipApi();
    const session = await openReview();
    const files = snapshotFiles(notes);
    const head = git(notes, 'rev-parse', 'HEAD');
    const editors = vscode.window.visibleTextEditors.length;
    const random = (n: number): unknown => {
      const pick = n % 9;
      const text = Math.random().toString(36).slice(2);
      return [
        null,
        text,
        [text],
        { type: text },
        { type: 'setActionItemDone', relationship: session.relationship, session: '../../etc/passwd', line: 15, done: true },
        { type: 'setActionItemDone', relationship: 'r99', session: session.id, line: 15, done: true },
        { type: 'setActionItemDone', relationship: session.relationship, session: session.id, line: -1, done: 'yes' },
        { type: 'openAgendaItem', relationship: session.relationship, id: `--upload-pack=${text}` },
        { type: 'openExternal', url: `javascript:alert(${n})` },
      ][pick];
    };
    for (let n = 0; n < 400; n++) await api.review.receive(random(n));
    for (const hostile of [
      { type: 'openSessionFile', relationship: session.relationship, id: '../mentorship' },
      { type: 'openExternal', url: 'file:///etc/passwd' },
      { type: 'openExternal', url: 'command:workbench.action.terminal.new' },
      { type: 'openAgendaItem', relationship: session.relationship, id: 'nosuchid' },
      { type: 'command', command: 'workbench.action.terminal.new' },
      { type: 'git', args: ['push', '--force'] },
    ]) {
      await api.review.receive(hostile);
    }
    assert.equal(snapshotFiles(notes), files, 'no file in the notes repo changed');
    assert.equal(git(notes, 'rev-parse', 'HEAD'), head, 'no commit');
    assert.equal(vscode.window.visibleTextEditors.length, editors, 'no editor opened');
    assert.equal(vscode.window.terminals.length, 0, 'no terminal opened');
  });
});
