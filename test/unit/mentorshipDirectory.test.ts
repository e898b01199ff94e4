import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { agreementFromDraft, renderAgreement } from '../../src/core/agreement';
import { SAM_LEE_DRAFT } from '../support/agreements';
import { MentorshipDirectory, type NotesRepoLocations } from '../../src/notes/mentorshipDirectory';
import { NotesRepo } from '../../src/notes/notesRepo';
import { bareRemote, commitSubjects, git, tempFolder } from '../support/git';

const draft = SAM_LEE_DRAFT;

interface Setup {
  readonly base: string;
  readonly locations: NotesRepoLocations;
  readonly directory: MentorshipDirectory;
}

function setUp(overrides: Partial<NotesRepoLocations> = {}): Setup {
  const base = tempFolder('directory');
  const locations: NotesRepoLocations = {
    defaultRepo: path.join(base, 'storage', 'notes'),
    additionalRepos: [],
    storageFolder: path.join(base, 'storage', 'relationships'),
    workspaceFolders: [path.join(base, 'workspace')],
    git: {},
    autoSync: () => false,
    ...overrides,
  };
  return { base, locations, directory: new MentorshipDirectory(() => locations) };
}

async function commitAgreement(repo: NotesRepo, text = renderAgreement(agreementFromDraft(draft))): Promise<void> {
  await repo.setIdentity('Sam Lee', 'sam@example.com');
  await repo.commitFiles([{ path: 'mentorship.md', content: text }], 'Set up mentorship');
}

describe('notes/mentorshipDirectory', function () {
  this.timeout(20000);
  let directory: MentorshipDirectory | undefined;
  afterEach(() => {
    // Stops every relationship's sync scheduler.
    directory?.reload();
    directory = undefined;
  });

  it('without a default repo has no relationships and does not create the default folder', async () => {
    const setup = setUp();
    directory = setup.directory;
    assert.deepEqual(await directory.relationships(), []);
    assert.deepEqual(await directory.unusable(), []);
    assert.ok(!existsSync(setup.locations.defaultRepo));
    assert.ok(!existsSync(path.dirname(setup.locations.defaultRepo)));
    directory.reload();
  });

  it('creates the default repo for the first relationship; after commit and reload it is ready', async () => {
    const setup = setUp();
    directory = setup.directory;
    let changes = 0;
    directory.onDidChange(() => changes++);

    const first = await directory.repoForNewRelationship('Alex Kim');
    assert.equal(first.isNew, false);
    assert.equal(first.repo.root, setup.locations.defaultRepo);
    assert.ok(existsSync(path.join(setup.locations.defaultRepo, '.git')));
    assert.equal(git(setup.locations.defaultRepo, 'symbolic-ref', '--short', 'HEAD'), 'main');

    await commitAgreement(first.repo);
    directory.reload();
    const relationships = await directory.relationships();
    assert.equal(relationships.length, 1);
    const relationship = relationships[0];
    assert.ok(relationship);
    assert.equal(relationship.root, setup.locations.defaultRepo);
    const state = relationship.agreement;
    assert.equal(state.kind, 'ready');
    assert.ok(state.kind === 'ready');
    assert.deepEqual(state.agreement.mentee, draft.me);
    assert.deepEqual(state.agreement.mentor, draft.other);
    assert.equal(state.agreement.cadence, 'weekly');
    assert.equal(relationship.label, 'Sam Lee ↔ Alex Kim');
    assert.ok(changes >= 2, 'listeners heard the reload and the load');
    assert.equal(relationship.sync.state.kind, 'local-only');
    directory.reload();
  });

  it('a second relationship gets a new repo of its own in the storage folder', async () => {
    const setup = setUp();
    directory = setup.directory;
    const first = await directory.repoForNewRelationship('Alex Kim');
    await commitAgreement(first.repo);
    directory.reload();

    const second = await directory.repoForNewRelationship('Jo Müller');
    assert.equal(second.isNew, true);
    assert.notEqual(second.repo.root, first.repo.root);
    assert.equal(path.dirname(second.repo.root), setup.locations.storageFolder);
    assert.match(path.basename(second.repo.root), /^[a-z0-9-]+$/);
    assert.ok(existsSync(path.join(second.repo.root, '.git')));
    assert.deepEqual(await second.repo.log(), []);
    // The default repo is untouched.
    assert.deepEqual(commitSubjects(first.repo.root), ['Set up mentorship']);

    // Same name again: a folder next to it, not the same one.
    await commitAgreement(second.repo);
    const third = await directory.repoForNewRelationship('Jo Müller');
    assert.equal(third.isNew, true);
    assert.notEqual(third.repo.root, second.repo.root);
    assert.equal(path.dirname(third.repo.root), setup.locations.storageFolder);
    assert.equal(readdirSync(setup.locations.storageFolder).length, 2);
    directory.reload();
  });

  it('reuses the loaded default repo while it holds no agreement', async () => {
    const setup = setUp();
    directory = setup.directory;
    const first = await directory.repoForNewRelationship('Alex Kim');
    directory.reload();
    assert.equal((await directory.relationships()).length, 1);
    const again = await directory.repoForNewRelationship('Alex Kim');
    assert.equal(again.isNew, false);
    assert.equal(again.repo.root, first.repo.root);
    assert.equal((await directory.relationships())[0]?.repo, again.repo, 'the loaded NotesRepo (and its write queue) is reused');
    assert.ok(!existsSync(setup.locations.storageFolder));
    directory.reload();
  });

  it('connects the configured default remote to the default repo', async () => {
    const remote = bareRemote();
    const setup = setUp({ defaultRemote: remote });
    directory = setup.directory;
    const { repo } = await directory.repoForNewRelationship('Alex Kim');
    assert.equal(git(repo.root, 'remote', 'get-url', 'origin'), remote);
    directory.reload();
  });

  it('lists a location inside a workspace folder as unusable with a reason', async () => {
    const base = tempFolder('directory');
    const workspace = path.join(base, 'workspace');
    const inside = path.join(workspace, 'notes');
    await NotesRepo.openOrCreate(inside);
    const setup = setUp({ defaultRepo: path.join(base, 'default'), additionalRepos: [inside], workspaceFolders: [workspace] });
    directory = setup.directory;
    assert.deepEqual(await directory.relationships(), []);
    const unusable = await directory.unusable();
    assert.equal(unusable.length, 1);
    assert.equal(unusable[0]?.root, inside);
    assert.match(unusable[0]?.reason ?? '', /inside the workspace folder/);
    assert.ok(directory.locationProblem(inside));
    assert.equal(directory.locationProblem(path.join(base, 'elsewhere')), undefined);
    directory.reload();
  });

  it('refuses to create the default repo inside a workspace folder', async () => {
    const base = tempFolder('directory');
    const workspace = path.join(base, 'workspace');
    const setup = setUp({ defaultRepo: path.join(workspace, '.notes'), workspaceFolders: [workspace] });
    directory = setup.directory;
    await assert.rejects(directory.repoForNewRelationship('Alex'), /inside the workspace folder/);
    assert.ok(!existsSync(path.join(workspace, '.notes')));
    const unusable = await directory.unusable();
    assert.equal(unusable.length, 1);
    assert.match(unusable[0]?.reason ?? '', /inside the workspace folder/);
    directory.reload();
  });

  it('lists an additional folder that is not a git repo as unusable', async () => {
    const plain = tempFolder('plain');
    const setup = setUp({ additionalRepos: [plain] });
    directory = setup.directory;
    assert.deepEqual(await directory.relationships(), []);
    const unusable = await directory.unusable();
    assert.equal(unusable.length, 1);
    assert.equal(unusable[0]?.root, plain);
    assert.match(unusable[0]?.reason ?? '', /not a git repository/);
    directory.reload();
  });

  it('loads default and additional repos, listing the default once', async () => {
    const setup = setUp();
    const other = await NotesRepo.openOrCreate(path.join(setup.base, 'other', 'notes'));
    await commitAgreement(other);
    const defaultRepo = await NotesRepo.openOrCreate(setup.locations.defaultRepo);
    await commitAgreement(defaultRepo);
    directory = new MentorshipDirectory(() => ({ ...setup.locations, additionalRepos: [setup.locations.defaultRepo, other.root] }));
    const relationships = await directory.relationships();
    assert.deepEqual(
      relationships.map((r) => r.root),
      [setup.locations.defaultRepo, other.root],
    );
    assert.ok(relationships.every((r) => r.agreement.kind === 'ready'));
    directory.reload();
  });

  it('reports a broken mentorship.md as broken with the line, without rewriting it', async () => {
    const setup = setUp();
    directory = setup.directory;
    const { repo } = await directory.repoForNewRelationship('Alex Kim');
    const broken = renderAgreement(agreementFromDraft(draft)).replace('cadence: weekly', 'cadence: daily');
    await commitAgreement(repo, broken);
    directory.reload();

    const [relationship] = await directory.relationships();
    assert.ok(relationship);
    const state = relationship.agreement;
    assert.equal(state.kind, 'broken');
    assert.ok(state.kind === 'broken');
    assert.equal(state.file, path.join(setup.locations.defaultRepo, 'mentorship.md'));
    assert.match(state.problem.reason, /"cadence"/);
    const expectedLine = broken.split('\n').findIndex((line) => line.startsWith('cadence:')) + 1;
    assert.equal(state.problem.line, expectedLine);
    assert.equal(relationship.label, 'notes');
    assert.equal(await repo.readFile('mentorship.md'), broken);
    assert.equal(git(repo.root, 'status', '--porcelain'), '');

    // Broken YAML is reported too.
    await repo.commitFiles([{ path: 'mentorship.md', content: '---\nmentee:\n  name: [Sam\n---\n' }], 'Break it');
    await directory.refresh();
    const after = relationship.agreement;
    assert.ok(after.kind === 'broken');
    assert.ok(after.problem.line >= 3);
    directory.reload();
  });

  it('reload during a load: both callers get the newer load, and no scheduler of either load keeps syncing', async () => {
    const missingRemote = path.join(tempFolder('gone'), 'missing', 'notes.git');
    const setup = setUp({ autoSync: () => true });
    const repo = await NotesRepo.openOrCreate(setup.locations.defaultRepo);
    await commitAgreement(repo);
    await repo.setRemote(missingRemote);
    directory = setup.directory;

    const originalSync = NotesRepo.prototype.sync;
    let syncCalls = 0;
    NotesRepo.prototype.sync = function (this: NotesRepo) {
      syncCalls++;
      return originalSync.call(this);
    };
    try {
      const p1 = directory.relationships();
      directory.reload();
      const r2 = await directory.relationships();
      const r1 = await p1;
      assert.equal(r2.length, 1);
      assert.equal(r1.length, r2.length);
      r1.forEach((relationship, i) => assert.equal(relationship, r2[i], 'the same Relationship instance'));
      assert.equal((await directory.relationships())[0], r2[0], 'the directory keeps serving that load');
      const [relationship] = r2;
      assert.ok(relationship);
      assert.equal(relationship.agreement.kind, 'ready');

      directory.reload();
      const callsAtReload = syncCalls;
      // Longer than the 750 ms debounce of the sync requested by each load.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      assert.equal(syncCalls, callsAtReload, 'no scheduler synced after the final reload');
      assert.equal(relationship.sync.state.kind, 'local-only', 'the disposed scheduler never ran');
      assert.ok(!existsSync(missingRemote));

      // The spy works: a sync run by hand is counted, and the missing remote makes it offline.
      const outcome = await relationship.sync.syncNow();
      assert.equal(outcome.kind, 'offline');
      assert.equal(syncCalls, callsAtReload + 1);
    } finally {
      NotesRepo.prototype.sync = originalSync;
    }
  });

  it('a repo without mentorship.md is a relationship with agreement missing', async () => {
    const setup = setUp();
    mkdirSync(setup.locations.defaultRepo, { recursive: true });
    await NotesRepo.openOrCreate(setup.locations.defaultRepo);
    directory = setup.directory;
    const [relationship] = await directory.relationships();
    assert.ok(relationship);
    assert.deepEqual(relationship.agreement, { kind: 'missing' });
    assert.equal(relationship.label, 'notes');
    directory.reload();
  });
});
