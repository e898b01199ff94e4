import { strict as assert } from 'node:assert';
import { checkRemoteUrl, redactCredentials, type RemoteKind } from '../../src/core/remoteUrl';

describe('core/remoteUrl checkRemoteUrl', () => {
  const accepted: Array<[string, RemoteKind]> = [
    ['https://github.com/a/b.git', 'https'],
    ['https://gitlab.example.com:8443/group/sub/notes', 'https'],
    ['https://sam@github.com/a/b.git', 'https'],
    ['ssh://git@host:22/x.git', 'ssh'],
    ['ssh://host/srv/notes.git', 'ssh'],
    ['git@github.com:a/b.git', 'scp'],
    ['host.example.org:notes.git', 'scp'],
    ['/srv/git/notes.git', 'local'],
    ['/home/sam/My Notes/notes.git', 'local'],
    ['file:///srv/x.git', 'local'],
  ];
  for (const [url, kind] of accepted) {
    it(`accepts ${url} as ${kind}`, () => {
      const result = checkRemoteUrl(url);
      assert.deepEqual(result, { ok: true, kind, url });
    });
  }

  it('trims surrounding spaces and returns the trimmed url', () => {
    assert.deepEqual(checkRemoteUrl('  https://github.com/a/b.git  '), { ok: true, kind: 'https', url: 'https://github.com/a/b.git' });
  });

  const refused: Array<[string, string, RegExp]> = [
    ['a leading "-"', '-x', /start with "-"/],
    ['an option', '--upload-pack=touch /tmp/x', /start with "-"/],
    ['an ssh option in scp form', '-oProxyCommand=x:y', /start with "-"/],
    ['ext:: transport', 'ext::sh -c x', /transports/],
    ['fd:: transport', 'fd::17', /transports/],
    ['another remote helper', 'persistent-https::https://x/y', /transports/],
    ['plain http', 'http://github.com/a/b.git', /Only https, ssh/],
    ['git:// protocol', 'git://github.com/a/b.git', /Only https, ssh/],
    ['ftp://', 'ftp://host/x.git', /Only https, ssh/],
    ['https with user:token', 'https://user:ghp_token123@github.com/a/b.git', /password or token/],
    ['https with an empty user and a token', 'https://:token@github.com/a/b.git', /password or token/],
    ['https host starting with "-"', 'https://-oProxy/a', /not a valid URL/],
    ['https without a path', 'https://github.com', /not a valid URL/],
    ['ssh host starting with "-"', 'ssh://-oProxyCommand=x/y', /not a valid URL/],
    ['ssh user@-host', 'ssh://git@-oProxyCommand=x/y', /not a valid URL/],
    ['a relative path', 'notes', /absolute local path/],
    ['a dot-relative path', './notes.git', /absolute local path/],
    ['a parent-relative path', '../notes.git', /absolute local path/],
    ['a relative file:// url', 'file://srv/x.git', /absolute path/],
    ['a newline', '/srv/x.git\n--upload-pack=y', /control characters/],
    ['a tab', 'https://github.com/a\t/b.git', /control characters/],
    ['a NUL', '/srv/x\u0000.git', /control characters/],
    ['DEL', '/srv/x\u007f.git', /control characters/],
    ['an empty string', '', /empty/],
    ['only spaces', '   ', /empty/],
    ['scp form with a host starting with "-"', 'git@-oProxyCommand=x:y', /scp-like/],
    ['scp form with a space', 'git@host:a b', /scp-like/],
    ['a GitLab private_token in the query', 'https://gitlab.com/a/b.git?private_token=glpat-abc', /credential helper/],
    ['an access_token in the query', 'https://host.example/a/b.git?access_token=abc', /credential helper/],
    ['a GitHub token as user name', 'https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/a/b.git', /credential helper/],
    ['x-access-token user', 'https://x-access-token@github.com/a/b.git', /credential helper/],
    ['ssh with a password', 'ssh://git:secret@host/x.git', /password or token/],
    ['file:// with ".."', 'file:///srv/notes/../../etc/x.git', /may not contain "\.\."/],
    ['a local path with ".."', '/srv/notes/../../x.git', /may not contain "\.\."/],
    ['an ssh path starting with "-"', 'ssh://host/-oProxyCommand=x', /not a valid URL/],
    ['an scp path starting with "-"', 'git@host:-oProxyCommand=x', /does not start with "-"/],
  ];
  for (const [what, url, reason] of refused) {
    it(`refuses ${what}`, () => {
      const result = checkRemoteUrl(url);
      assert.equal(result.ok, false, `${JSON.stringify(url)} should be refused`);
      assert.ok(!result.ok);
      assert.match(result.reason, reason);
      assert.ok(!('kind' in result));
    });
  }
});

describe('core/remoteUrl redactCredentials', () => {
  it('hides passwords, tokens used as user names and token query parameters in any text', () => {
    assert.equal(redactCredentials("fatal: unable to access 'https://sam:hunter2@github.com/a/b.git/'"), "fatal: unable to access 'https://***@github.com/a/b.git/'");
    assert.equal(redactCredentials('https://gitlab.com/a.git?private_token=glpat-123&x=1'), 'https://gitlab.com/a.git?private_token=***&x=1');
    assert.equal(redactCredentials('https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/a'), 'https://***@github.com/a');
    assert.equal(redactCredentials('https://sam@github.com/a/b.git'), 'https://sam@github.com/a/b.git');
  });
});
