import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderAgendaItem, type AgendaItem } from '../../src/core/agendaItem';
import { AgendaStore } from '../../src/notes/agendaStore';
import { NotesRepo } from '../../src/notes/notesRepo';
import { tempFolder } from '../support/git';

function item(id: string, question: string): AgendaItem {
  return {
    id,
    created: '2026-11-18T09:12:00Z',
    author: 'sam@example.com',
    status: 'open',
    tags: ['react'],
    question,
    anchor: { repository: 'github.com/sam/cart', dirty: false, path: 'src/cart.ts', range: { startLine: 3, endLine: 4 }, snippet: 'a\nb', contextBefore: [], contextAfter: [] },
  };
}

/** Writes agenda files dated a minute ago, so the cache is allowed to keep them. */
function writeAgenda(root: string, id: string, text: string): void {
  const file = path.join(root, 'agenda', `${id}.md`);
  writeFileSync(file, text);
  const past = new Date(Date.now() - 60_000);
  utimesSync(file, past, past);
}

async function cacheWritten(root: string): Promise<string> {
  const file = path.join(root, '.git', 'mentorship', 'agenda-cache.json');
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 50));
  return readFileSync(file, 'utf8');
}

describe('notes/agendaCache (through AgendaStore)', () => {
  let root: string;
  beforeEach(async () => {
    root = path.join(tempFolder('agenda-cache'), 'notes');
    await NotesRepo.openOrCreate(root);
    mkdirSync(path.join(root, 'agenda'), { recursive: true });
    writeAgenda(root, 'aaaa1111', renderAgendaItem(item('aaaa1111', 'First question?')));
    writeAgenda(root, 'bbbb2222', renderAgendaItem(item('bbbb2222', 'Second question?')));
  });

  it('keeps parsed items in .git and serves them to the next reader without parsing', async () => {
    const first = await new AgendaStore(await NotesRepo.open(root)).load();
    assert.deepEqual(first.items.map((i) => i.question), ['First question?', 'Second question?']);
    const cache = JSON.parse(await cacheWritten(root)) as { entries: Record<string, { item: AgendaItem }> };
    assert.deepEqual(Object.keys(cache.entries).sort(), ['agenda/aaaa1111.md', 'agenda/bbbb2222.md']);
    // Prove the second read comes from the cache: doctor the cached question (a real edit
    // would change the file's stamp, so only the cache can answer this).
    const doctored = JSON.stringify(cache).replace('Second question?', 'Answered from the cache');
    writeFileSync(path.join(root, '.git', 'mentorship', 'agenda-cache.json'), doctored);
    const second = await new AgendaStore(await NotesRepo.open(root)).load();
    assert.deepEqual(second.items.map((i) => i.question), ['First question?', 'Answered from the cache']);
  });

  it('parses a file again when it changed on disk since it was cached', async () => {
    await new AgendaStore(await NotesRepo.open(root)).load();
    await cacheWritten(root);
    writeAgenda(root, 'bbbb2222', renderAgendaItem(item('bbbb2222', 'Edited by hand, same day?')));
    const again = await new AgendaStore(await NotesRepo.open(root)).load();
    assert.deepEqual(again.items.map((i) => i.question), ['First question?', 'Edited by hand, same day?']);
  });

  it('ignores a torn or foreign cache file and still lists every item and problem', async () => {
    mkdirSync(path.join(root, '.git', 'mentorship'), { recursive: true });
    writeFileSync(path.join(root, '.git', 'mentorship', 'agenda-cache.json'), '{"version":1,"entries":{"agenda/aaaa1111.md":{"size":1');
    writeAgenda(root, 'cccc3333', '---\nstatus: [\n---\n');
    const snapshot = await new AgendaStore(await NotesRepo.open(root)).load();
    assert.deepEqual(snapshot.items.map((i) => i.id), ['aaaa1111', 'bbbb2222']);
    assert.equal(snapshot.problems.length, 1);
    assert.match(snapshot.problems[0]?.file ?? '', /cccc3333\.md$/);
  });

  it('does not keep files written just now (their stamp could repeat within the clock tick)', async () => {
    writeFileSync(path.join(root, 'agenda', 'dddd4444.md'), renderAgendaItem(item('dddd4444', 'Fresh?')));
    await new AgendaStore(await NotesRepo.open(root)).load();
    const cache = JSON.parse(await cacheWritten(root)) as { entries: Record<string, unknown> };
    assert.ok(!('agenda/dddd4444.md' in cache.entries));
    assert.ok('agenda/aaaa1111.md' in cache.entries);
  });
});
