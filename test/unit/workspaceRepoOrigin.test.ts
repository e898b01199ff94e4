import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { WorkspaceRepo } from '../../src/workspace/workspaceRepo';
import { git } from './anchor-history/historyCases';

/** A stand-in git that answers every call as a real git refusing the folder does. */
function refusingGit(stderr: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mentorship-fake-git-'));
  const binary = path.join(dir, 'git');
  writeFileSync(binary, `#!/bin/sh\necho ${JSON.stringify(stderr)} >&2\nexit 128\n`);
  chmodSync(binary, 0o755);
  return binary;
}

describe('workspace/WorkspaceRepo origin of a folder', function () {
  this.timeout(20_000);

  it('a folder outside git is "not in git", with no problem to report', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'mentorship-plain-'));
    const origin = await new WorkspaceRepo().originOfFolder(folder, folder);
    assert.deepEqual(origin, { root: folder, inGit: false });
  });

  it('a repository without commits or remote is in git with neither', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'mentorship-empty-repo-'));
    git(root, 'init', '--quiet');
    const origin = await new WorkspaceRepo().originOfFolder(root, root);
    assert.equal(origin?.inGit, true);
    assert.equal(origin?.head, undefined);
    assert.equal(origin?.remoteUrl, undefined);
  });

  it('says what git said when it refuses the folder (safe.directory), instead of "not in git"', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'mentorship-dubious-'));
    const binary = refusingGit(`fatal: detected dubious ownership in repository at '${folder}'`);
    const origin = await new WorkspaceRepo({ binary }).originOfFolder(folder, folder);
    assert.equal(origin?.inGit, false);
    assert.match(origin?.gitProblem ?? '', /detected dubious ownership/);
  });

  it('a git that answers "not a git repository" is not a problem', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'mentorship-not-repo-'));
    const binary = refusingGit('fatal: not a git repository (or any of the parent directories): .git');
    const origin = await new WorkspaceRepo({ binary }).originOfFolder(folder, folder);
    assert.deepEqual(origin, { root: folder, inGit: false });
  });
});
