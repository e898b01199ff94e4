import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { commitSubjects, git } from '../support/git';
import { SAM_AND_ALEX, eventually, freshNotesLocation, labelOf, mentorshipApi, visibleRows } from './harness';


function workspaceFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'the test window has a workspace folder');
  return folder;
}

/** Opens a workspace file and selects lines (0-based, inclusive). */
async function select(relative: string, startLine: number, endLine: number): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(path.join(workspaceFolder(), relative));
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(startLine, 0, endLine, document.lineAt(endLine).text.length);
  return editor;
}

describe('Flag for Next Sync', () => {
  let notes: string;
  beforeEach(async () => {
    notes = await freshNotesLocation();
    await vscode.commands.executeCommand('mentorship.setUpMentorship', SAM_AND_ALEX);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('writes agenda/<id>.md with front matter, question and snippet as one commit, and the tree shows it', async () => {
    const api = await mentorshipApi();
    await select('src/cart.ts', 14, 18);
    const file = await vscode.commands.executeCommand<string>('mentorship.flagForNextSync', { question: 'Is mutating the line the **bug**?', tags: ['State', 'immutability'] });
    assert.ok(file && existsSync(file), 'the agenda file exists');
    assert.equal(path.dirname(file), path.join(notes, 'agenda'));
    const text = readFileSync(file, 'utf8');
    const head = git(workspaceFolder(), 'rev-parse', 'HEAD');
    assert.match(text, /^---\nid: [a-z0-9]{8}\n/);
    assert.match(text, /\nstatus: open\n/);
    assert.match(text, /\ntags:\n {2}- state\n {2}- immutability\n/);
    assert.match(text, /\n {2}repository: workspace\n/);
    assert.ok(text.includes(`\n  commit: ${head}\n`), 'the flagged commit is recorded');
    assert.match(text, /\n {2}dirty: false\n {2}path: src\/cart\.ts\n {2}start_line: 15\n {2}end_line: 19\n {2}language: typescript\n/);
    assert.ok(text.includes('Is mutating the line the **bug**?\n\n```typescript\n  if (existing) {\n'), text);
    assert.ok(text.includes('    return cart;\n  }\n```\n'), text);
    assert.equal(commitSubjects(notes)[0], 'Flag for next sync: Is mutating the line the bug?', 'the commit subject is the question as plain text');
    assert.equal(commitSubjects(notes).length, 2);
    assert.equal(git(notes, 'status', '--porcelain'), '');
    const rows = await visibleRows(api.trees.nextSync);
    assert.ok(rows.includes('Is mutating the line the bug? — src/cart.ts:15 · unchanged'), rows.join(' | '));
  });

  it('re-locates the item after a checkout of another commit, and back', async () => {
    const api = await mentorshipApi();
    const folder = workspaceFolder();
    await select('src/discounts.ts', 7, 11);
    await vscode.commands.executeCommand('mentorship.flagForNextSync', { question: 'Coupon maths?', tags: [] });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const row = (rows: string[]): string | undefined => rows.find((r) => r.startsWith('Coupon maths?'));
    assert.equal(row(await visibleRows(api.trees.nextSync)), 'Coupon maths? — src/discounts.ts:8 · unchanged');
    const file = path.join(folder, 'src', 'discounts.ts');
    const original = readFileSync(file, 'utf8');
    git(folder, 'checkout', '--quiet', '-b', 'moved-coupons');
    try {
      writeFileSync(file, `// Coupons are applied before shipping.
// See the pricing doc.

${original}`);
      git(folder, 'commit', '--quiet', '-am', 'Document coupons');
      // No command: the git change alone makes Mentorship re-locate.
      const moved = await eventually('the moved status', async () => row(await visibleRows(api.trees.nextSync))?.includes(':11 · moved') ? row(await visibleRows(api.trees.nextSync)) : undefined);
      assert.equal(moved, 'Coupon maths? — src/discounts.ts:11 · moved');
    } finally {
      git(folder, 'checkout', '--quiet', 'main');
      git(folder, 'branch', '--quiet', '-D', 'moved-coupons');
    }
    const back = await eventually('the unchanged status', async () => row(await visibleRows(api.trees.nextSync))?.endsWith(':8 · unchanged') ? row(await visibleRows(api.trees.nextSync)) : undefined);
    assert.equal(back, 'Coupon maths? — src/discounts.ts:8 · unchanged');
    assert.equal(readFileSync(file, 'utf8'), original, 'the workspace is back as it was');
  });

  it('orders the agenda by drag and drop (saved in the notes repo) and groups it by tag or file', async () => {
    const api = await mentorshipApi();
    for (const [line, question, tag] of [
      [2, 'First question?', 'alpha'],
      [8, 'Second question?', 'beta'],
      [14, 'Third question?', 'alpha'],
    ] as const) {
      await select('src/cart.ts', line, line);
      await vscode.commands.executeCommand('mentorship.flagForNextSync', { question, tags: [tag] });
    }
    const questions = async (): Promise<string[]> =>
      (await visibleRows(api.trees.nextSync)).filter((r) => r.includes(' question?')).map((r) => r.split(' — ')[0] ?? '');
    assert.deepEqual(await questions(), ['First question?', 'Second question?', 'Third question?']);
    const nodes = (await api.trees.nextSync.getChildren()) ?? [];
    const third = nodes.find((n) => labelOf(n) === 'Third question?');
    const first = nodes.find((n) => labelOf(n) === 'First question?');
    assert.ok(third && first);
    const transfer = new vscode.DataTransfer();
    await api.agendaDragAndDrop.handleDrag([third], transfer);
    await api.agendaDragAndDrop.handleDrop(first, transfer);
    assert.deepEqual(await questions(), ['Third question?', 'First question?', 'Second question?']);
    const order = JSON.parse(readFileSync(path.join(notes, 'agenda', 'order.json'), 'utf8')) as { order: string[] };
    assert.equal(order.order.length, 3);
    assert.equal(commitSubjects(notes)[0], 'Reorder the agenda for the next sync');

    await vscode.commands.executeCommand('mentorship.groupAgendaByTag');
    try {
      const groups = (await api.trees.nextSync.getChildren()) ?? [];
      const alpha = groups.find((g) => labelOf(g) === '#alpha');
      assert.ok(alpha, groups.map(labelOf).join(' | '));
      assert.deepEqual((await visibleRows(api.trees.nextSync, alpha)).map((r) => r.split(' — ')[0]), ['Third question?', 'First question?']);
      await vscode.commands.executeCommand('mentorship.groupAgendaByFile');
      const byFile = (await api.trees.nextSync.getChildren()) ?? [];
      assert.ok(byFile.some((g) => labelOf(g) === 'src/cart.ts'), byFile.map(labelOf).join(' | '));
    } finally {
      await vscode.commands.executeCommand('mentorship.showAgendaInSyncOrder');
    }
  });

  it('keeps only the snippet for an unsaved file, caps a huge selection, and refuses binary content', async () => {
    const untitled = await vscode.workspace.openTextDocument({ language: 'python', content: 'def total(items):\n    return sum(items)\n' });
    const editor = await vscode.window.showTextDocument(untitled);
    editor.selection = new vscode.Selection(0, 0, 1, 0);
    const file = await vscode.commands.executeCommand<string>('mentorship.flagForNextSync', { question: 'Scratch idea?', tags: [] });
    assert.ok(file);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /\n {2}repository: ''\n {2}dirty: true\n {2}path: Untitled-\d+\n {2}start_line: 1\n {2}end_line: 1\n/);
    assert.ok(text.includes('```python\ndef total(items):\n```'), text);

    const big = await vscode.workspace.openTextDocument({ language: 'plaintext', content: Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n') });
    const bigEditor = await vscode.window.showTextDocument(big);
    bigEditor.selection = new vscode.Selection(0, 0, 499, 0);
    const capped = await vscode.commands.executeCommand<string>('mentorship.flagForNextSync', { question: 'All of it?', tags: [] });
    assert.ok(capped);
    const cappedText = readFileSync(capped, 'utf8');
    assert.match(cappedText, /\n {2}end_line: 200\n/);
    const snippet = /```text\n([\s\S]*?)\n```/.exec(cappedText)?.[1] ?? '';
    assert.equal(snippet.split('\n').length, 200, 'capped at 200 lines');
    assert.ok(snippet.endsWith('line 199'));

    const binary = await vscode.workspace.openTextDocument({ content: 'PNG\u0000\u0001\u0002 data' });
    await vscode.window.showTextDocument(binary);
    const before = commitSubjects(notes).length;
    const refused = await vscode.commands.executeCommand<string | undefined>('mentorship.flagForNextSync', { question: 'Binary?', tags: [] });
    assert.equal(refused, undefined);
    assert.equal(commitSubjects(notes).length, before, 'nothing was committed');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('redacts a planted token before it reaches the notes repo, and says so', async () => {
    const folder = workspaceFolder();
    const secretFile = path.join(folder, 'src', 'config.ts');
    const token = `ghp_${'a1B2c3D4e5'.repeat(3)}a1B2c3`;
    writeFileSync(secretFile, `export const config = {\n  githubToken: "${token}",\n  retries: 3,\n};\n`);
    try {
      await select('src/config.ts', 0, 3);
      const file = await vscode.commands.executeCommand<string>('mentorship.flagForNextSync', { question: 'Where should this config live?', tags: [] });
      assert.ok(file);
      const stored = readFileSync(file, 'utf8');
      assert.equal(stored.includes(token), false, 'the token is not in the file');
      assert.match(stored, /githubToken: "«redacted: [^»]+»"/);
      assert.equal(git(notes, 'log', '-p').includes(token), false, 'the token is in no commit');
    } finally {
      rmSync(secretFile, { force: true });
    }
  });

  it('moves the gutter marker with edits in the editor', async () => {
    const api = await mentorshipApi();
    const editor = await select('src/discounts.ts', 7, 11);
    await vscode.commands.executeCommand('mentorship.flagForNextSync', { question: 'How would you test coupon rules?', tags: ['testing'] });
    const before = await eventually('the marker', () => {
      const markers = api.decorations.markersIn(editor.document.uri);
      return markers.length === 1 ? markers : undefined;
    });
    assert.deepEqual(before.map((m) => [m.startLine, m.endLine]), [[7, 11]]);
    // The hover's "Show in Next Sync" link selects the item in the view.
    const [relationship] = await api.directory.relationships();
    const [item] = relationship ? (await relationship.agenda.load()).items : [];
    assert.ok(item);
    await vscode.commands.executeCommand('mentorship.revealAgendaItem', notes, item.id);
    // The workbench reports the selection back a moment after the reveal.
    await eventually('the item selected in Next Sync', () => api.nextSyncView.selection[0]?.id === `agenda:${notes}:${item.id}`);
    await vscode.window.showTextDocument(editor.document);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// a comment\n// another\n'));
    const after = await eventually('the marker to move', () => {
      const markers = api.decorations.markersIn(editor.document.uri);
      return markers[0]?.startLine === 9 ? markers : undefined;
    });
    assert.deepEqual(after.map((m) => [m.startLine, m.endLine]), [[9, 13]]);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('says so on the row when the flagged commit is not in this clone (found by text), and tracks by history once it is', async () => {
    const api = await mentorshipApi();
    await select('src/discounts.ts', 7, 11);
    const file = await vscode.commands.executeCommand<string>('mentorship.flagForNextSync', { question: 'Unpushed coupons?', tags: [] });
    assert.ok(file);
    const row = async (): Promise<string | undefined> => (await visibleRows(api.trees.nextSync)).find((r) => r.startsWith('Unpushed coupons?'));
    assert.equal(await row(), 'Unpushed coupons? — src/discounts.ts:8 · unchanged');
    // As on the mentor's clone when the mentee flagged code on a commit they have not pushed.
    const head = git(workspaceFolder(), 'rev-parse', 'HEAD');
    const elsewhere = 'e'.repeat(40);
    writeFileSync(file, readFileSync(file, 'utf8').replace(`commit: ${head}`, `commit: ${elsewhere}`));
    await vscode.commands.executeCommand('mentorship.refresh');
    const shown = await eventually('the found-by-text row', async () => ((await row())?.includes('found by text') ? row() : undefined));
    assert.equal(shown, 'Unpushed coupons? — src/discounts.ts:8 · unchanged · found by text');
    const node = ((await api.trees.nextSync.getChildren()) ?? []).map((n) => api.trees.nextSync.getTreeItem(n) as vscode.TreeItem).find((n) => labelOf(n).startsWith('Unpushed coupons?'));
    const tooltip = node?.tooltip instanceof vscode.MarkdownString ? node.tooltip.value : String(node?.tooltip);
    assert.ok(tooltip.includes(`(${elsewhere.slice(0, 7)}) is not in this clone`), tooltip);
    // The commit arrives (here: the item names one this clone has): back to following history.
    writeFileSync(file, readFileSync(file, 'utf8').replace(`commit: ${elsewhere}`, `commit: ${head}`));
    await vscode.commands.executeCommand('mentorship.refresh');
    assert.equal(await eventually('the plain row', async () => ((await row())?.endsWith('· unchanged') ? row() : undefined)), 'Unpushed coupons? — src/discounts.ts:8 · unchanged');
  });

  it('opens the captured snippet read-only when the code is not on this machine', async () => {
    const api = await mentorshipApi();
    const file = path.join(notes, 'agenda', 'mentorxx.md');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      [
        '---',
        'id: mentorxx',
        'created: 2026-11-20T10:00:00Z',
        'author: sam@example.com',
        'status: open',
        'tags: [go]',
        'anchor:',
        '  repository: github.com/sam/other-service',
        '  dirty: false',
        '  path: cmd/server/main.go',
        '  start_line: 40',
        '  end_line: 41',
        '  language: go',
        '---',
        '',
        'Why does this goroutine leak?',
        '',
        '```go',
        'go func() { for range ticker.C { poll() } }()',
        'return nil',
        '```',
        '',
      ].join('\n'),
    );
    await vscode.commands.executeCommand('mentorship.refresh');
    const rows = await eventually('the item row', async () => {
      const shown = await visibleRows(api.trees.nextSync);
      return shown.some((r) => r.startsWith('Why does this goroutine leak?')) ? shown : undefined;
    });
    assert.ok(rows.includes('Why does this goroutine leak? — cmd/server/main.go:40 · snippet only'), rows.join(' | '));
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('mentorship.openAgendaItem', notes, 'mentorxx');
    assert.equal(editor?.document.uri.scheme, 'mentorship-snippet');
    assert.equal(editor?.document.languageId, 'go');
    const text = editor?.document.getText() ?? '';
    assert.ok(text.includes('// Why does this goroutine leak?'), text);
    assert.ok(text.includes('go func() { for range ticker.C { poll() } }()'), text);
  });

  it('marks an item discussed, resolves it, and removes it with a commit each; a broken agenda file needs attention', async () => {
    const api = await mentorshipApi();
    await select('src/cart.ts', 24, 26);
    const file = await vscode.commands.executeCommand<string>('mentorship.flagForNextSync', { question: 'Subtotal in cents?', tags: [] });
    assert.ok(file);
    const id = path.basename(file, '.md');
    await vscode.commands.executeCommand('mentorship.markDiscussed', notes, id);
    assert.match(readFileSync(file, 'utf8'), /\nstatus: discussed\n/);
    await vscode.commands.executeCommand('mentorship.resolveAgendaItem', notes, id);
    assert.match(readFileSync(file, 'utf8'), /\nstatus: resolved\n/);
    const rows = await visibleRows(api.trees.nextSync);
    assert.equal(rows.some((r) => r.startsWith('Subtotal in cents?')), false, 'resolved items leave the agenda');
    await vscode.commands.executeCommand('mentorship.removeAgendaItem', notes, id, true);
    assert.equal(existsSync(file), false);
    assert.deepEqual(commitSubjects(notes).slice(0, 4), [
      'Remove agenda item: Subtotal in cents?',
      'Resolve: Subtotal in cents?',
      'Mark discussed: Subtotal in cents?',
      'Flag for next sync: Subtotal in cents?',
    ]);
    assert.ok(git(notes, 'show', `HEAD~1:agenda/${id}.md`).includes('Subtotal in cents?'), 'the removed item is recoverable from history');

    const broken = path.join(notes, 'agenda', 'brokenxx.md');
    mkdirSync(path.dirname(broken), { recursive: true }); // git rm took the emptied folder
    writeFileSync(broken, '---\nid: brokenxx\nstatus: [open\n---\nHmm\n');
    await vscode.commands.executeCommand('mentorship.refresh');
    const top = await eventually('the Needs attention node', async () => {
      const items = (await api.trees.nextSync.getChildren()) ?? [];
      return items.find((item) => labelOf(item) === 'Needs attention');
    });
    const problems = await visibleRows(api.trees.nextSync, top);
    assert.match(problems[0] ?? '', /^brokenxx\.md — line \d+: /);
    assert.equal(readFileSync(broken, 'utf8'), '---\nid: brokenxx\nstatus: [open\n---\nHmm\n', 'never rewritten');
  });
});
