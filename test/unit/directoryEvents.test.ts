import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { agreementFromDraft, renderAgreement } from '../../src/core/agreement';
import { SAM_LEE_DRAFT } from '../support/agreements';
import { MentorshipDirectory, type NotesRepoLocations } from '../../src/notes/mentorshipDirectory';
import { NotesRepo } from '../../src/notes/notesRepo';
import type { Relationship } from '../../src/notes/relationship';
import { bareRemote, git, tempFolder } from '../support/git';

const draft = SAM_LEE_DRAFT;

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function notesRepoWithAgreement(root: string, text = renderAgreement(agreementFromDraft(draft))): Promise<NotesRepo> {
  const repo = await NotesRepo.openOrCreate(root);
  await repo.setIdentity('Sam Lee', 'sam@example.com');
  await repo.commitFiles([{ path: 'mentorship.md', content: text }], 'Set up mentorship');
  return repo;
}

/** Two relationships (A: the default repo, B: an additional one) and every event they fire. */
async function twoRelationships(autoSync = false, debounceMs?: number): Promise<{
  directory: MentorshipDirectory;
  a: Relationship;
  b: Relationship;
  heard: string[];
}> {
  const base = tempFolder('events');
  const locations: NotesRepoLocations = {
    defaultRepo: path.join(base, 'a'),
    additionalRepos: [path.join(base, 'b')],
    storageFolder: path.join(base, 'storage'),
    workspaceFolders: [path.join(base, 'workspace')],
    git: {},
    autoSync: () => autoSync,
  };
  await notesRepoWithAgreement(locations.defaultRepo);
  await notesRepoWithAgreement(locations.additionalRepos[0] as string);
  const directory = new MentorshipDirectory(() => locations, debounceMs);
  const [a, b] = await directory.relationships();
  assert.ok(a && b);
  const name = (r: Relationship): string => (r === a ? 'A' : r === b ? 'B' : '?');
  const heard: string[] = [];
  directory.onDidChangeRelationships(() => heard.push('relationships'));
  directory.onDidChangeRelationship((r) => heard.push(`notes ${name(r)}`));
  directory.onDidChangeSync((r) => heard.push(`sync ${name(r)}`));
  directory.onDidChange(() => heard.push('any'));
  return { directory, a, b, heard };
}

describe('notes/mentorshipDirectory events', function () {
  this.timeout(20000);
  const directories: MentorshipDirectory[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0)) directory.dispose();
  });

  it('a burst of commits in relationship A is one change for A and nothing for B or the set', async () => {
    // A debounce longer than three commits take on a busy machine.
    const { directory, a, heard } = await twoRelationships(false, 3000);
    directories.push(directory);
    await a.repo.commitFiles([{ path: 'agenda/one.md', content: 'one\n' }], 'One');
    await a.repo.commitFiles([{ path: 'agenda/two.md', content: 'two\n' }], 'Two');
    await a.repo.commitFiles([{ path: 'agenda/three.md', content: 'three\n' }], 'Three');
    assert.deepEqual(heard, [], 'debounced: nothing while the burst runs');
    await tick(3300);
    assert.deepEqual(heard, ['notes A', 'any']);
  });

  it('an agreement committed in A is read again before anyone reads the relationships, without a refresh', async () => {
    const { directory, a, heard } = await twoRelationships();
    directories.push(directory);
    const renewed = renderAgreement({ ...agreementFromDraft(draft), sessionsPlanned: 9 });
    await a.repo.commitFiles([{ path: 'mentorship.md', content: renewed }], 'Renew');
    const [first] = await directory.relationships();
    assert.equal(first, a);
    assert.ok(a.agreement.kind === 'ready');
    assert.equal(a.agreement.agreement.sessionsPlanned, 9);
    await tick(300);
    assert.deepEqual(heard, ['notes A', 'any']);
  });

  it('loading and reloading fire the set event; refresh(A) announces A at once', async () => {
    const { directory, a, heard } = await twoRelationships();
    directories.push(directory);
    await directory.refresh(a);
    assert.deepEqual(heard, ['notes A', 'any']);
    heard.length = 0;
    directory.reload();
    assert.deepEqual(heard, ['relationships', 'any'], 'unload');
    heard.length = 0;
    await directory.relationships();
    assert.deepEqual(heard, ['relationships', 'any'], 'load');
  });

  it('a sync that pulls the other side\'s notes is a change for that relationship; one that brings nothing is a sync event only', async () => {
    const { directory, a, heard } = await twoRelationships();
    directories.push(directory);
    const remote = bareRemote();
    await a.repo.setRemote(remote);
    assert.equal((await a.sync.syncNow()).kind, 'synced');
    await tick(200);
    assert.deepEqual(heard, ['sync A', 'sync A'], 'syncing, synced: nothing came in');
    heard.length = 0;

    const other = path.join(tempFolder('other'), 'notes');
    git(path.dirname(other), 'clone', '--quiet', remote, other);
    const theirs = await NotesRepo.open(other);
    await theirs.setIdentity('Alex Kim', 'alex@example.com');
    await theirs.commitFiles([{ path: 'agenda/from-alex.md', content: 'from Alex\n' }], 'Alex: agenda');
    assert.equal((await theirs.sync()).kind, 'synced');

    const outcome = await a.sync.syncNow();
    assert.ok(outcome.kind === 'synced' && outcome.pulled);
    await tick(300);
    assert.deepEqual(heard, ['sync A', 'sync A', 'notes A', 'any']);
  });

  it('dispose is silent: no event during shutdown, none from a commit after it, and no more syncing', async () => {
    const { directory, a, b, heard } = await twoRelationships(true);
    await a.repo.commitFiles([{ path: 'agenda/pending.md', content: 'pending\n' }], 'Pending');
    // A change for A is pending (debounced) when the window closes.
    directory.dispose();
    directory.reload();
    await b.repo.commitFiles([{ path: 'agenda/late.md', content: 'late\n' }], 'Late');
    await tick(300);
    assert.deepEqual(heard, []);
    assert.deepEqual(await directory.relationships(), [], 'a disposed directory opens nothing');
    // The schedulers are disposed: asking for a sync does nothing.
    a.sync.request(0);
    await tick(100);
    assert.equal(a.sync.state.kind, 'local-only');
  });
});
