import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AgendaThread } from '../../src/comments/agendaThreads';
import type { AgendaComment } from '../../src/comments/threadComments';
import type { AgendaItem } from '../../src/core/agendaItem';
import type { StandInControl } from '../fixtures/liveshare-standin/src/extension';
import { commitSubjects, git } from '../support/git';
import { SAM_AND_ALEX, eventually, freshNotesLocation, labelOf, menteeAndMentorClones, mentorshipApi, shownError, visibleRows } from './harness';

function workspaceFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'the test window has a workspace folder');
  return folder;
}

/** Flags lines (0-based, inclusive) of a workspace file and returns the new item's id. */
async function flag(relative: string, startLine: number, endLine: number, question: string, relationshipRoot?: string): Promise<string> {
  const document = await vscode.workspace.openTextDocument(path.join(workspaceFolder(), relative));
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(startLine, 0, endLine, document.lineAt(endLine).text.length);
  const file = await vscode.commands.executeCommand<string>('mentorship.flagForNextSync', { question, tags: [], ...(relationshipRoot ? { relationshipRoot } : {}) });
  return path.basename(file, '.md');
}

async function threadOf(root: string, id: string, ready: (entry: AgendaThread) => boolean = () => true): Promise<AgendaThread> {
  const api = await mentorshipApi();
  return eventually(`the thread of ${id}`, async () => {
    await api.threads.update();
    const entry = api.threads.threadOf(root, id);
    return entry && ready(entry) ? entry : undefined;
  });
}

function comments(entry: AgendaThread): AgendaComment[] {
  return entry.thread.comments as AgendaComment[];
}

function bodyText(comment: vscode.Comment): string {
  return typeof comment.body === 'string' ? comment.body : comment.body.value;
}

function reply(entry: AgendaThread, text: string): Thenable<string> {
  return vscode.commands.executeCommand<string>('mentorship.replyToAgendaItem', { thread: entry.thread, text } satisfies vscode.CommentReply);
}

describe('Agenda items as comment threads', () => {
  let notes: string;
  beforeEach(async () => {
    notes = await freshNotesLocation();
    await vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a thread appears at the item\'s lines with the question first, and follows an unsaved edit', async () => {
    const id = await flag('src/cart.ts', 14, 18, 'Is mutating the line the **bug**?');
    const entry = await threadOf(notes, id);
    assert.equal(entry.thread.uri.fsPath, path.join(workspaceFolder(), 'src', 'cart.ts'));
    assert.equal(entry.thread.range?.start.line, 14);
    assert.equal(entry.thread.range?.end.line, 18);
    assert.equal(entry.thread.contextValue, 'agendaThread:open');
    assert.equal(entry.thread.state, vscode.CommentThreadState.Unresolved);
    const [question] = comments(entry);
    assert.ok(question);
    assert.equal(bodyText(question), 'Is mutating the line the **bug**?');
    assert.equal(question.author.name, 'Sam Rivera');
    assert.equal(question.contextValue, 'agendaQuestion');
    assert.ok(question.timestamp instanceof Date);

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// one\n// two\n// three\n'));
    const moved = await threadOf(notes, id, (e) => e.thread.range?.start.line === 17);
    assert.equal(moved.thread.range?.end.line, 21, 'the thread moved with the unsaved edit');
    assert.equal(moved.thread, entry.thread, 'the same thread, moved');
  });

  it('a reply writes one file as one commit; one\'s own reply can be edited and deleted, each a commit', async () => {
    const id = await flag('src/cart.ts', 14, 18, 'Should this return a new cart?');
    const entry = await threadOf(notes, id);
    const commitsBefore = commitSubjects(notes).length;
    const file = await reply(entry, 'Yes: return `{ ...cart, lines }`.');
    assert.ok(existsSync(file), file);
    assert.equal(path.dirname(file), path.join(notes, 'agenda', id, 'replies'));
    assert.match(path.basename(file), /^\d{8}t\d{6}z-sam-example-com-[a-z0-9]{6}\.md$/);
    const text = readFileSync(file, 'utf8');
    assert.match(text, new RegExp(`^---\\nitem: ${id}\\nauthor: sam@example\\.com\\nauthor_name: Sam Rivera\\ncreated: '?\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z'?\\n---\\n\\nYes: return \`\\{ \\.\\.\\.cart, lines \\}\`\\.\\n$`));
    assert.equal(commitSubjects(notes).length, commitsBefore + 1, 'exactly one commit');
    assert.equal(commitSubjects(notes)[0], 'Reply: Should this return a new cart?');
    assert.equal(git(notes, 'show', '--name-only', '--format=', 'HEAD'), path.relative(notes, file).split(path.sep).join('/'));
    assert.equal(git(notes, 'status', '--porcelain'), '');

    const shown = await threadOf(notes, id, (e) => e.thread.comments.length === 2);
    const mine = comments(shown)[1];
    assert.ok(mine);
    assert.equal(mine.contextValue, 'agendaReply:mine');
    assert.equal(mine.author.name, 'Sam Rivera');

    await vscode.commands.executeCommand('mentorship.editAgendaReply', mine);
    assert.equal(mine.mode, vscode.CommentMode.Editing);
    await vscode.commands.executeCommand('mentorship.saveAgendaReply', mine, 'Yes, and **memoize** the total.');
    assert.match(readFileSync(file, 'utf8'), /\nedited: '?\d{4}-[^\n]+\n---\n\nYes, and \*\*memoize\*\* the total\.\n$/);
    assert.equal(commitSubjects(notes)[0], 'Edit reply: Should this return a new cart?');
    const edited = await threadOf(notes, id, (e) => bodyText(e.thread.comments[1]!).includes('memoize'));
    assert.equal(edited.thread.comments[1]?.label, 'edited');
    assert.equal(edited.thread.comments[1]?.mode, vscode.CommentMode.Preview);

    assert.equal(await vscode.commands.executeCommand('mentorship.deleteAgendaReply', edited.thread.comments[1], true), true);
    assert.ok(!existsSync(file), 'the reply file is removed');
    assert.equal(commitSubjects(notes)[0], 'Delete reply: Should this return a new cart?');
    assert.equal(commitSubjects(notes).length, commitsBefore + 3);
    await threadOf(notes, id, (e) => e.thread.comments.length === 1);
  });

  it('a suggested change applies to the file as one undoable edit, and is refused once the code changed', async () => {
    const api = await mentorshipApi();
    const id = await flag('src/cart.ts', 14, 18, 'Cleaner way?');
    const entry = await threadOf(notes, id);
    const original = readFileSync(path.join(workspaceFolder(), 'src', 'cart.ts'), 'utf8');
    await reply(entry, 'Try this:\n\n```suggestion\n  if (existing) {\n    return { ...cart, lines: bump(cart.lines, existing) };\n  }\n```');
    const withReply = await threadOf(notes, id, (e) => e.thread.comments.length === 2);
    const suggestion = comments(withReply)[1]!;
    assert.equal(suggestion.contextValue, 'agendaReply:mine:suggestion');
    assert.match(bodyText(suggestion), /\*\*Suggested change\*\*/);

    assert.equal(await vscode.commands.executeCommand('mentorship.applySuggestedChange', suggestion), true);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.fsPath.endsWith(path.join('src', 'cart.ts')));
    const lines = editor.document.getText().split('\n');
    assert.deepEqual(lines.slice(14, 17), ['  if (existing) {', '    return { ...cart, lines: bump(cart.lines, existing) };', '  }']);
    assert.ok(editor.document.isDirty, 'an ordinary unsaved edit');
    await vscode.commands.executeCommand('undo');
    await eventually('the undo', () => editor.document.getText() === original);

    await editor.edit((edit) => edit.insert(new vscode.Position(15, 0), '    console.log("changed");\n'));
    const refreshed = await threadOf(notes, id, (e) => e.thread.range?.end.line === 19);
    await shownError(vscode.commands.executeCommand('mentorship.applySuggestedChange', comments(refreshed)[1]), /changed since the question was asked, so the suggestion was not applied/);
    assert.ok(editor.document.getText().includes('console.log("changed")'), 'nothing else was touched');
    assert.ok(api.threads.threadOf(notes, id));
  });

  it('resolving from the thread updates the item and collapses the thread; reopening brings it back', async () => {
    const api = await mentorshipApi();
    const id = await flag('src/cart.ts', 14, 18, 'Ready to close?');
    const entry = await threadOf(notes, id);
    await vscode.commands.executeCommand('mentorship.resolveThread', entry.thread);
    assert.match(readFileSync(path.join(notes, 'agenda', `${id}.md`), 'utf8'), /\nstatus: resolved\n/);
    assert.equal(commitSubjects(notes)[0], 'Resolve: Ready to close?');
    const resolved = await threadOf(notes, id, (e) => e.thread.contextValue === 'agendaThread:resolved');
    assert.equal(resolved.thread.state, vscode.CommentThreadState.Resolved);
    assert.equal(resolved.thread.collapsibleState, vscode.CommentThreadCollapsibleState.Collapsed);
    assert.ok(!(await visibleRows(api.trees.nextSync)).some((row) => row.startsWith('Ready to close?')), 'gone from Next Sync');

    await vscode.commands.executeCommand('mentorship.markThreadDiscussed', resolved.thread);
    await threadOf(notes, id, (e) => e.thread.contextValue === 'agendaThread:discussed');
    await vscode.commands.executeCommand('mentorship.reopenThread', resolved.thread);
    const reopened = await threadOf(notes, id, (e) => e.thread.contextValue === 'agendaThread:open');
    assert.equal(reopened.thread.collapsibleState, vscode.CommentThreadCollapsibleState.Expanded);
    assert.match(readFileSync(path.join(notes, 'agenda', `${id}.md`), 'utf8'), /\nstatus: open\n/);
  });

  it('without the repository on this machine the thread is on the snippet document, and a gone file says so', async () => {
    const api = await mentorshipApi();
    const relationship = await api.directory.relationshipAt(notes);
    assert.ok(relationship);
    const base: AgendaItem = {
      id: 'elsewhere1',
      created: '2026-11-29T10:00:00Z',
      author: 'sam@example.com',
      status: 'open',
      tags: [],
      question: 'How would you name this?',
      anchor: { repository: 'github.com/someone/not-here', dirty: false, path: 'lib/names.py', range: { startLine: 40, endLine: 41 }, snippet: 'def f(x):\n    return x', contextBefore: [], contextAfter: [], language: 'python' },
    };
    await relationship.agenda.add(base);
    await relationship.agenda.add({ ...base, id: 'gonefile1', question: 'Where did this go?', anchor: { ...base.anchor, repository: path.basename(workspaceFolder()), path: 'src/deleted-long-ago.ts' } });
    await api.directory.refresh();

    const away = await threadOf(notes, 'elsewhere1');
    assert.equal(away.thread.uri.scheme, 'mentorship-snippet');
    assert.equal(away.thread.contextValue, 'agendaThread:open:snippet');
    assert.match(away.thread.label ?? '', /captured snippet \(the code is not on this machine\)/);
    await vscode.commands.executeCommand('mentorship.openAgendaItem', notes, 'elsewhere1');
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document);
    assert.equal(document.uri.toString(), away.thread.uri.toString(), 'the thread is on the document the item opens');
    const range = away.thread.range;
    assert.ok(range);
    assert.equal(document.getText(new vscode.Range(range.start.line, 0, range.end.line + 1, 0)), 'def f(x):\n    return x\n', 'at the snippet\'s lines');
    const file = await reply(away, 'Call it `identity`.');
    assert.ok(existsSync(file), 'a reply works from the snippet document too');

    const gone = await threadOf(notes, 'gonefile1');
    assert.equal(gone.thread.contextValue, 'agendaThread:open:gone');
    assert.match(gone.thread.label ?? '', /the code is gone from src\/deleted-long-ago\.ts/);
    await shownError(vscode.commands.executeCommand('mentorship.applySuggestedChange', comments(await threadOf(notes, 'elsewhere1', (e) => e.thread.comments.length === 2))[1]), /no ```suggestion block/);
  });

  it('a hostile reply renders inert: no HTML, no command links, no trust', async () => {
    const api = await mentorshipApi();
    const id = await flag('src/cart.ts', 14, 18, 'Hostile?');
    const relationship = await api.directory.relationshipAt(notes);
    assert.ok(relationship);
    const vectors = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      '[run](command:workbench.action.terminal.new)',
      '[quit](command:workbench.action.quit?%5B%5D)',
      '[js](javascript:alert(1))',
      '<a href="command:mentorship.removeAgendaItem">remove</a>',
      '$(alert) <svg onload=alert(1)>',
    ];
    const body = vectors.join('\n\n');
    await relationship.repo.commitFiles(
      [{ path: `agenda/${id}/replies/20261129t120000z-mallory-example-com-evil1.md`, content: `---\nitem: ${id}\nauthor: mallory@example.com\nauthor_name: "<b>Mallory</b>"\ncreated: 2026-11-29T12:00:00Z\n---\n\n${body}\n` }],
      'A hostile reply',
    );
    await api.directory.refresh();
    const entry = await threadOf(notes, id, (e) => e.thread.comments.length === 2);
    const hostile = entry.thread.comments[1]!;
    assert.ok(hostile.body instanceof vscode.MarkdownString);
    assert.ok(!hostile.body.isTrusted, 'not trusted: command links do not run');
    assert.ok(!hostile.body.supportHtml, 'raw HTML is not rendered');
    assert.ok(!hostile.body.supportThemeIcons);
    assert.equal(hostile.body.value, body, 'shown as written, nothing dropped');
    assert.equal(hostile.author.name, '<b>Mallory</b>', 'a name is plain text');
    assert.equal(hostile.contextValue, 'agendaReply:theirs', 'not editable: not mine');
    assert.ok(!entry.thread.comments.some((c) => c.body instanceof vscode.MarkdownString && c.body.isTrusted), 'no comment is trusted');
    // A broken reply file is listed in the thread, never rewritten.
    const broken = path.join(notes, 'agenda', id, 'replies', '20261129t120500z-mallory-example-com-bad01.md');
    await relationship.repo.commitFiles([{ path: path.relative(notes, broken).split(path.sep).join('/'), content: '---\nitem: [oops\n---\nbody\n' }], 'A broken reply');
    await api.directory.refresh();
    const listed = await threadOf(notes, id, (e) => e.thread.comments.length === 3);
    assert.equal(listed.thread.comments[2]?.contextValue, 'agendaReplyProblem');
    assert.match(bodyText(listed.thread.comments[2]!), /could not be read and is left as it is/);
    assert.equal(readFileSync(broken, 'utf8'), '---\nitem: [oops\n---\nbody\n');
  });
});

describe('Replies between the mentee and the mentor clones', () => {
  let mentee: string;
  let mentor: string;
  beforeEach(async () => {
    ({ mentee, mentor } = await menteeAndMentorClones());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  afterEach(async () => {
    const api = await mentorshipApi();
    if (api.pairing.session.state.kind !== 'idle') (await standIn()).endSession();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function menteeRows(): Promise<string[]> {
    const api = await mentorshipApi();
    const top = (await api.trees.nextSync.getChildren()) ?? [];
    const group = top.find((node) => node.id?.includes(mentee));
    assert.ok(group, `a Next Sync group for the mentee: ${top.map(labelOf).join(' | ')}`);
    return visibleRows(api.trees.nextSync, group);
  }

  it('the mentor\'s reply shows up on the mentee\'s side after a sync, with an unread count until the thread is seen', async () => {
    const api = await mentorshipApi();
    const id = await flag('src/cart.ts', 14, 18, 'Why does the total drift?', mentee);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const [menteeRel, mentorRel] = await Promise.all([mentee, mentor].map((root) => api.directory.relationshipAt(root)));
    assert.ok(menteeRel && mentorRel);
    assert.equal((await menteeRel.sync.syncNow()).kind, 'synced');
    assert.equal((await mentorRel.sync.syncNow()).kind, 'synced');
    await api.directory.refresh();
    await threadOf(mentee, id);
    const mentorThread = await threadOf(mentor, id);
    const file = await reply(mentorThread, 'Floating point: keep cents as integers.');
    assert.match(path.basename(file), /-alex-example-com-/);
    assert.equal((await mentorRel.sync.syncNow()).kind, 'synced');
    assert.equal(api.unreadReplies.unreadFor(mentee, id), 0, 'nothing unread before the sync');

    const announced: string[] = [];
    const listening = api.unreadReplies.onDidAnnounce((message) => announced.push(message));
    assert.equal((await menteeRel.sync.syncNow()).kind, 'synced');
    await eventually('the notification', () => announced.length > 0);
    listening.dispose();
    assert.deepEqual(announced, ['Alex Chen replied to "Why does the total drift?".'], 'one notification names who replied to what');
    const pulled = path.join(mentee, path.relative(mentor, file));
    assert.ok(existsSync(pulled), 'the reply file came with the sync');
    const seen = await threadOf(mentee, id, (e) => e.thread.comments.length === 2);
    assert.equal(seen.thread.comments[1]?.author.name, 'Alex Chen');
    assert.equal(seen.thread.comments[1]?.contextValue, 'agendaReply:theirs');
    assert.match(seen.thread.label ?? '', /1 unread reply/);
    assert.equal(api.unreadReplies.unreadFor(mentee, id), 1);
    assert.equal(api.unreadReplies.unreadFor(mentor, id), 0, 'one\'s own reply is never unread');
    const row = await eventually('the unread count in Next Sync', async () => (await menteeRows()).find((r) => r.startsWith('Why does the total drift?') && r.includes('1 unread reply')));
    assert.match(row, /src\/cart\.ts:15 · unchanged · 1 unread reply$/);
    assert.equal(api.nextSyncView.badge?.value, 1, 'the Activity Bar badge counts unread replies');
    assert.match(api.nextSyncView.badge?.tooltip ?? '', /1 unread reply on the agenda/);

    // Seeing the thread at the code reads it.
    await vscode.commands.executeCommand('mentorship.openAgendaItem', mentee, id);
    await eventually('the reply read', () => api.unreadReplies.unreadFor(mentee, id) === 0);
    await eventually('the row without the count', async () => !(await menteeRows()).some((r) => r.includes('unread')));
    assert.notEqual(api.nextSyncView.badge?.tooltip ?? '', '1 unread reply on the agenda', 'the badge is back to open items');
    assert.deepEqual(readdirSync(path.join(mentee, 'agenda', id, 'replies')), [path.basename(file)]);
  });

  it('while hosting a pairing session there are no threads; they come back when it ends', async () => {
    const api = await mentorshipApi();
    const control = await standIn();
    control.reset();
    const id = await flag('src/cart.ts', 14, 18, 'Private question?', mentee);
    await threadOf(mentee, id);
    await vscode.commands.executeCommand('mentorship.startPairing', mentee);
    assert.ok(api.pairing.session.isHosting);
    await eventually('the threads taken down', async () => {
      await api.threads.update();
      return api.threads.all().length === 0;
    });
    await vscode.commands.executeCommand('mentorship.endPairing');
    await threadOf(mentee, id);
  });
});

async function standIn(): Promise<StandInControl> {
  const extension = vscode.extensions.getExtension<{ control: StandInControl }>('ms-vsliveshare.vsliveshare');
  assert.ok(extension, 'the Live Share stand-in is installed in the test instance');
  return (await extension.activate()).control;
}

describe('Replies in Record Takeaways', () => {
  let notes: string;
  beforeEach(async () => {
    notes = await freshNotesLocation();
    await vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX);
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists the thread\'s replies under the discussed item in the session file', async () => {
    const id = await flag('src/cart.ts', 14, 18, 'Why does the total drift?');
    await reply(await threadOf(notes, id), 'Keep **cents** as integers.\n\nMore detail here.');
    const file = await vscode.commands.executeCommand<string>('mentorship.recordTakeaways', { relationshipRoot: notes, date: '2026-11-29', participants: [], mode: 'pairing', agendaItemIds: [id] });
    const text = readFileSync(path.join(notes, file), 'utf8');
    assert.ok(text.includes(`## Discussed\n- [Why does the total drift?](mentorship:agenda/${id}) · \`src/cart.ts:15\`\n  - Sam Rivera: Keep cents as integers.\n`), text);
  });
});
