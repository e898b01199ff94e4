/**
 * Validation of a notes-repo remote before git ever sees it. git reads some strings as
 * options (`--upload-pack=…`) or as transports that run commands (`ext::sh -c …`, `fd::`),
 * so only plain https, ssh, scp-like and absolute local paths are accepted.
 */
export type RemoteKind = 'https' | 'ssh' | 'scp' | 'local';

export type RemoteCheck =
  | { readonly ok: true; readonly kind: RemoteKind; readonly url: string }
  | { readonly ok: false; readonly reason: string };

const HTTPS = /^https:\/\/([^/@\s]+@)?[A-Za-z0-9][A-Za-z0-9.-]*(:\d+)?\/[^\s]*$/;
const SSH = /^ssh:\/\/([A-Za-z0-9._-]+@)?[A-Za-z0-9][A-Za-z0-9.-]*(:\d+)?\/[^\s]+$/;
// user@host:path — the host part has no slash, so "./a:b" or "/x:y" are not taken for hosts.
const SCP = /^([A-Za-z0-9._-]+@)?[A-Za-z0-9][A-Za-z0-9.-]*:(?!\/\/)[^\s]+$/;
const TRANSPORT = /^[A-Za-z][A-Za-z0-9+.-]*::/;

export function checkRemoteUrl(input: string): RemoteCheck {
  const url = input.trim();
  if (url === '') {
    return { ok: false, reason: 'The remote is empty.' };
  }
  if (/[\u0000-\u001f\u007f]/.test(url)) {
    return { ok: false, reason: 'The remote contains control characters.' };
  }
  if (url.startsWith('-')) {
    return { ok: false, reason: 'A remote may not start with "-" (git would read it as an option).' };
  }
  if (TRANSPORT.test(url)) {
    return { ok: false, reason: 'Remote helper transports such as "ext::" and "fd::" can run commands and are refused.' };
  }
  if (hasCredentials(url)) {
    return { ok: false, reason: CREDENTIALS_ADVICE };
  }
  if (url.startsWith('https://')) {
    return HTTPS.test(url) ? { ok: true, kind: 'https', url } : { ok: false, reason: 'The https remote is not a valid URL.' };
  }
  if (url.startsWith('ssh://')) {
    // A path starting with "-" reaches ssh or the remote git as an option.
    const sshPath = /^ssh:\/\/[^/]*(\/.*)$/.exec(url)?.[1] ?? '';
    return SSH.test(url) && !/^\/+-/.test(sshPath) && !hasDotDot(sshPath) ? { ok: true, kind: 'ssh', url } : { ok: false, reason: 'The ssh remote is not a valid URL.' };
  }
  if (url.startsWith('file://')) {
    const path = url.slice('file://'.length);
    if (!path.startsWith('/')) return { ok: false, reason: 'A file:// remote must be an absolute path.' };
    return hasDotDot(path) ? { ok: false, reason: 'A local remote may not contain ".." (give the folder\'s own absolute path).' } : { ok: true, kind: 'local', url };
  }
  if (url.startsWith('/')) {
    return hasDotDot(url) ? { ok: false, reason: 'A local remote may not contain ".." (give the folder\'s own absolute path).' } : { ok: true, kind: 'local', url };
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url)) {
    return { ok: false, reason: 'Only https, ssh, scp-like (user@host:path) or local path remotes are allowed.' };
  }
  if (SCP.test(url)) {
    const scpPath = url.slice(url.indexOf(':') + 1);
    return scpPath.startsWith('-') ? { ok: false, reason: 'Use an https, ssh or scp-like (user@host:path) URL whose path does not start with "-".' } : { ok: true, kind: 'scp', url };
  }
  return { ok: false, reason: 'Use an https, ssh or scp-like (user@host:path) URL, or an absolute local path.' };
}

const CREDENTIALS_ADVICE =
  'The remote contains a password or token. Remove it and sign in through git\'s credential helper (https) or an SSH key in your ssh agent: ' +
  'Mentorship never stores secrets in settings, .git/config or logs.';

// Query parameters and user names that are secrets in practice (GitLab, GitHub, Azure, Bitbucket tokens).
const SECRET_QUERY = /[?&#;](?:private[_-]?token|access[_-]?token|oauth[_-]?token|token|password|passwd|pwd|secret|api[_-]?key|key|sig|signature|auth)=/i;
const TOKEN_USER = /^(?:gh[pousr]_|github_pat_|glpat-|x-access-token|x-token-auth|oauth2|gitlab-ci-token|[A-Za-z0-9_-]{32,}$)/i;

/** True when a URL carries a password, a token as user name, or a token in its query. */
export function hasCredentials(url: string): boolean {
  const userInfo = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/@\s]*)@/.exec(url)?.[1];
  if (userInfo !== undefined && (userInfo.includes(':') || TOKEN_USER.test(decodeSafely(userInfo)))) return true;
  return SECRET_QUERY.test(url);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function hasDotDot(path: string): boolean {
  return path.split('/').some((segment) => segment === '..' || decodeSafely(segment) === '..');
}

/** Hides passwords and tokens in any text (git's messages quote the remote URL). */
export function redactCredentials(text: string): string {
  return text
    .replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/@\s'"]*)@/g, (whole, scheme: string, info: string) =>
      info.includes(':') || TOKEN_USER.test(info) ? `${scheme}***@` : whole,
    )
    .replace(/([?&#;](?:private[_-]?token|access[_-]?token|oauth[_-]?token|token|password|passwd|pwd|secret|api[_-]?key|key|sig|signature|auth)=)[^&#\s'"]*/gi, '$1***');
}

/**
 * One spelling per hosted repository, so anchors flagged by the mentee over ssh and opened by
 * the mentor over https name the same repository: `git@github.com:Org/Repo.git`,
 * `https://github.com/org/repo` and `ssh://git@github.com:22/org/repo.git` all become
 * `github.com/org/repo`. Credentials, ports (they differ between ssh and https to the same
 * host), a trailing `.git` and slashes are dropped, and host and path are lowercased (GitHub,
 * GitLab and Bitbucket treat owner and name case-insensitively). Local paths and file:// URLs
 * keep their case, since file systems may not.
 */
export function normalizeRemoteUrl(url: string): string {
  const text = url.trim();
  const fileUrl = /^file:\/\/(.*)$/i.exec(text);
  if (fileUrl) return stripRepoSuffix(fileUrl[1] ?? '');
  if (text.startsWith('/') || text.startsWith('.') || /^[A-Za-z]:[\\/]/.test(text)) {
    return stripRepoSuffix(text.replace(/\\/g, '/'));
  }
  const withScheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^/:?#]*)(?::\d*)?([^?#]*)/.exec(text);
  const scpLike = withScheme ? undefined : /^(?:[^@/:]+@)?([^/:]+):(.*)$/.exec(text);
  const host = withScheme?.[1] ?? scpLike?.[1];
  if (host === undefined) return stripRepoSuffix(text);
  const path = stripRepoSuffix((withScheme?.[2] ?? scpLike?.[2] ?? '').replace(/^\/+/, '').replace(/\/{2,}/g, '/'));
  return (path === '' ? host : `${host}/${path}`).toLowerCase();
}

function stripRepoSuffix(path: string): string {
  return path.replace(/\/+$/, '').replace(/\.git$/i, '').replace(/\/+$/, '');
}
