import type * as vscode from 'vscode';
import type { AnchorLocator } from '../anchors/anchorLocator';
import type { MentorshipDirectory } from '../notes/mentorshipDirectory';
import type { PairingSession } from '../pairing/pairingSession';
import { commandRegistrar, type MentorshipLog } from '../ui/userMessages';
import { AgendaThreads } from './agendaThreads';
import { registerThreadCommands } from './threadCommands';
import type { UnreadReplies } from './unreadReplies';

/**
 * Agenda items as comment threads, and their commands. While this window hosts a pairing
 * session the threads are taken down (a guest could see them) and come back when it ends.
 */
export function registerComments(
  subscriptions: vscode.Disposable[],
  directory: MentorshipDirectory,
  locator: AnchorLocator,
  unread: UnreadReplies,
  session: Pick<PairingSession, 'isHosting' | 'onDidChange'>,
  log: MentorshipLog,
): AgendaThreads {
  const threads = new AgendaThreads(directory, locator, unread, () => session.isHosting, (error) => log.error(error));
  subscriptions.push(threads, session.onDidChange(() => void threads.update()), ...registerThreadCommands(commandRegistrar(log), directory, threads, unread));
  return threads;
}
