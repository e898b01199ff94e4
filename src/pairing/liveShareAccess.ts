import * as vscode from 'vscode';
import type { LiveShare } from 'vsls/vscode';
import { ActionableError } from '../ui/actionableError';

export const LIVE_SHARE_ID = 'ms-vsliveshare.vsliveshare';

type Vsls = typeof import('vsls/vscode');

/** vsls is loaded on first use: it is only needed once someone pairs. */
export function vsls(): Vsls {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy vendor chunk (see esbuild.mjs)
  return require('vsls/vscode') as Vsls;
}

/**
 * Gets the Live Share API only when pairing is first needed, never during activation: asking for
 * it activates Live Share itself, which takes hundreds of milliseconds. Each way it can be
 * unavailable becomes an ActionableError saying what to do; the rest of Mentorship keeps working.
 */
export class LiveShareAccess {
  private api: LiveShare | undefined;

  constructor(private readonly extensionId: string) {}

  /** The API once obtained (undefined before the first pairing action). */
  get current(): LiveShare | undefined {
    return this.api;
  }

  /** Asked each time (cheap once Live Share is active): it may have been disabled or updated since. */
  async get(): Promise<LiveShare> {
    if (!vscode.extensions.getExtension(LIVE_SHARE_ID)) {
      throw new ActionableError('Pairing needs the Live Share extension, which is not installed. The agenda and takeaways work without it.', [
        { title: 'Install Live Share', command: 'workbench.extensions.installExtension', args: [LIVE_SHARE_ID] },
      ]);
    }
    let api: LiveShare | null;
    try {
      // Passing our id matters: Live Share gives extensions that do not identify themselves null.
      api = await vsls().getApi(this.extensionId);
    } catch (error) {
      throw new ActionableError(`Live Share failed to start: ${error instanceof Error ? error.message : String(error)}`, [
        { title: 'Show Live Share', command: 'workbench.extensions.search', args: [LIVE_SHARE_ID] },
      ]);
    }
    if (!api) {
      throw new ActionableError(
        'Live Share did not offer its API to Mentorship: it may be disabled, still starting, or a version this extension does not support. Update or enable Live Share, then try again.',
        [{ title: 'Show Live Share', command: 'workbench.extensions.search', args: [LIVE_SHARE_ID] }],
      );
    }
    this.api = api;
    return api;
  }

  /** The API of a signed-in user; signed out, says so with the way to sign in. */
  async signedIn(): Promise<LiveShare> {
    const api = await this.get();
    if (!api.session.user) {
      throw new ActionableError('Sign in to Live Share to pair (with a GitHub or Microsoft account).', [{ title: 'Sign In to Live Share', command: 'liveshare.signin' }], 'warning');
    }
    return api;
  }
}
