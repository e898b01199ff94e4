import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { isGitVersionSupported, MINIMUM_GIT_VERSION, parseGitVersion } from '../../src/core/gitVersion';

describe('core/gitVersion', () => {
  it('parses the usual "git version" outputs', () => {
    assert.deepEqual(parseGitVersion('git version 2.39.5\n'), [2, 39, 5]);
    assert.deepEqual(parseGitVersion('git version 2.45.1.windows.1'), [2, 45, 1]);
    assert.deepEqual(parseGitVersion('git version 2.39.3 (Apple Git-146)'), [2, 39, 3]);
    assert.deepEqual(parseGitVersion('git version 2.28'), [2, 28, 0]);
    assert.deepEqual(parseGitVersion('git version 10.2.30'), [10, 2, 30]);
  });

  it('returns undefined for output it does not recognize', () => {
    assert.equal(parseGitVersion(''), undefined);
    assert.equal(parseGitVersion('hg version 6.1'), undefined);
    assert.equal(parseGitVersion('git: command not found'), undefined);
  });

  it('supports the minimum version and newer, not older', () => {
    assert.deepEqual([...MINIMUM_GIT_VERSION], [2, 28, 0]);
    assert.equal(isGitVersionSupported([2, 28, 0]), true);
    assert.equal(isGitVersionSupported([2, 28, 1]), true);
    assert.equal(isGitVersionSupported([2, 29, 0]), true);
    assert.equal(isGitVersionSupported([2, 100, 0]), true);
    assert.equal(isGitVersionSupported([3, 0, 0]), true);
    assert.equal(isGitVersionSupported([2, 27, 99]), false);
    assert.equal(isGitVersionSupported([1, 99, 99]), false);
    assert.equal(isGitVersionSupported([2]), false);
    assert.equal(isGitVersionSupported([2, 28]), true);
  });

  it('agrees with the git installed on this machine', () => {
    const version = parseGitVersion(execFileSync('git', ['--version'], { encoding: 'utf8' }));
    assert.ok(version, 'git --version is parsed');
    assert.equal(version.length, 3);
    assert.ok(version.every((n) => Number.isInteger(n) && n >= 0));
  });
});
