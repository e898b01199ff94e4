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
  if (url.startsWith('https://')) {
    const userInfo = /^https:\/\/([^/@\s]+)@/.exec(url)?.[1];
    if (userInfo?.includes(':')) {
      return { ok: false, reason: 'The remote contains a password or token. Remove it and let git\'s credential helper sign in.' };
    }
    return HTTPS.test(url) ? { ok: true, kind: 'https', url } : { ok: false, reason: 'The https remote is not a valid URL.' };
  }
  if (url.startsWith('ssh://')) {
    return SSH.test(url) ? { ok: true, kind: 'ssh', url } : { ok: false, reason: 'The ssh remote is not a valid URL.' };
  }
  if (url.startsWith('file://')) {
    const path = url.slice('file://'.length);
    return path.startsWith('/') ? { ok: true, kind: 'local', url } : { ok: false, reason: 'A file:// remote must be an absolute path.' };
  }
  if (url.startsWith('/')) {
    return { ok: true, kind: 'local', url };
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url)) {
    return { ok: false, reason: 'Only https, ssh, scp-like (user@host:path) or local path remotes are allowed.' };
  }
  if (SCP.test(url)) {
    return { ok: true, kind: 'scp', url };
  }
  return { ok: false, reason: 'Use an https, ssh or scp-like (user@host:path) URL, or an absolute local path.' };
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
