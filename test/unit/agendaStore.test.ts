import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { renderAgendaItem, type AgendaItem } from '../../src/core/agendaItem';
import { AgendaStore } from '../../src/notes/agendaStore';
import { NotesRepoError } from '../../src/notes/gitErrors';
import { NotesRepo } from '../../src/notes/notesRepo';
import { git, tempFolder } from '../support/git';

const ITEM: AgendaItem = {
  id: 'k3m9q2xa',
  created: '2026-11-18T09:12:00Z',
  author: 'sam@example.com',
  status: 'open',
  tags: [],
  question: 'Why does this effect run after every render?',
  anchor: { repository: 'github.com/sam/cart', dirty: false, path: 'src/a.ts', range: { startLine: 1, endLine: 2 }, snippet: 'x', contextBefore: [], contextAfter: [] },
};

async function repoWith(files: Record<string, string>): Promise<NotesRepo> {
  const repo = await NotesRepo.openOrCreate(path.join(tempFolder('agenda-store'), 'notes'));
  await repo.setIdentity('Sam', 'sam@example.com');
  await repo.commitFiles(Object.entries(files).map(([file, content]) => ({ path: file, content })), 'Agenda');
  return repo;
}

describe('notes/agendaStore edits', function () {
  this.timeout(20_000);

  it('an item whose id differs from its file name is edited in its own file, never duplicated', async () => {
    const repo = await repoWith({ 'agenda/renamed-by-hand.md': renderAgendaItem(ITEM) });
    const agenda = new AgendaStore(repo);
    const [item] = (await agenda.load()).items;
    await agenda.update({ ...item!, status: 'discussed' }, 'Mark discussed');
    assert.deepEqual(git(repo.root, 'ls-files', 'agenda'), 'agenda/renamed-by-hand.md');
    assert.deepEqual((await agenda.load()).items.map((i) => i.status), ['discussed']);
    assert.equal(agenda.fileOf(item!), path.join(repo.root, 'agenda/renamed-by-hand.md'));
  });

  it('two files with one id: the second is listed under Needs attention, not shown twice', async () => {
    const repo = await repoWith({ 'agenda/k3m9q2xa.md': renderAgendaItem(ITEM), 'agenda/zz-copy.md': renderAgendaItem({ ...ITEM, question: 'a copy' }) });
    const { items, problems } = await new AgendaStore(repo).load();
    assert.equal(items.length, 1);
    assert.match(problems[0]!.problem.reason, /is also the id of agenda\/k3m9q2xa\.md/);
  });

  it('an edit of an item the other person changed since it was shown is refused, their change kept', async () => {
    const repo = await repoWith({ 'agenda/k3m9q2xa.md': renderAgendaItem(ITEM) });
    const agenda = new AgendaStore(repo);
    const [shown] = (await agenda.load()).items;
    // A sync brings the other person's edit of the question.
    await repo.commitFiles([{ path: 'agenda/k3m9q2xa.md', content: renderAgendaItem({ ...ITEM, question: 'Reworded by Alex' }) }], 'Their edit');
    await assert.rejects(agenda.update({ ...shown!, status: 'resolved' }, 'Resolve'), (e: unknown) => e instanceof NotesRepoError && e.code === 'changed' && /was changed/.test(e.message));
    const [now] = (await agenda.load()).items;
    assert.equal(now!.question, 'Reworded by Alex');
    assert.equal(now!.status, 'open');
  });
});
