import * as vscode from 'vscode';
import { questionTitle, type AgendaItem } from '../core/agendaItem';
import { isReplyBy, type AgendaReply } from '../core/agendaReply';
import { COMMANDS, STATE_KEYS } from '../constants';

/** What one relationship's threads hold, as the thread builder read it. */
export interface RepliesSeen {
  readonly root: string;
  readonly myEmail: string;
  readonly items: readonly { readonly item: AgendaItem; readonly replies: readonly AgendaReply[]; readonly names: ReadonlyMap<string, string> }[];
}

type SeenState = Record<string, string[]>;

/**
 * Which replies this user has not seen yet, per notes repo: kept in the extension's global
 * state (reading is personal, so it never goes into the shared notes repo). A relationship
 * seen for the first time counts everything already there as read: no flood after install.
 */
export class UnreadReplies implements vscode.Disposable {
  private readonly counts = new Map<string, number>();
  private readonly unreadIds = new Map<string, string[]>();
  // Replies already named in a notification this window: each reply is announced once.
  private readonly announced = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly announcing = new vscode.EventEmitter<string>();
  /** The text of each "who replied to what" notification, as shown (tests listen to it). */
  readonly onDidAnnounce = this.announcing.event;

  constructor(private readonly state: vscode.Memento) {}

  /** Unread replies of one agenda item. */
  unreadFor(root: string, itemId: string): number {
    return this.counts.get(key(root, itemId)) ?? 0;
  }

  get total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  /**
   * Takes in what the threads show now: counts what is unread and, when replies arrived that
   * were not announced yet, shows one quiet notification naming who replied to what.
   */
  async observe(relationships: readonly RepliesSeen[]): Promise<void> {
    const seen = this.seenState();
    let stateChanged = false;
    const fresh: { root: string; item: AgendaItem; name: string }[] = [];
    const before = JSON.stringify([...this.counts]);
    this.counts.clear();
    this.unreadIds.clear();
    for (const relationship of relationships) {
      const others = relationship.items.flatMap(({ item, replies, names }) =>
        replies.filter((reply) => !isReplyBy(reply, relationship.myEmail)).map((reply) => ({ item, reply, name: names.get(reply.id) ?? reply.authorName })),
      );
      if (!seen[relationship.root]) {
        seen[relationship.root] = others.map(({ reply }) => reply.id);
        stateChanged = true;
        others.forEach(({ reply }) => this.announced.add(reply.id));
        continue;
      }
      const read = new Set(seen[relationship.root]);
      for (const { item, reply, name } of others) {
        if (read.has(reply.id)) continue;
        const k = key(relationship.root, item.id);
        this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
        this.unreadIds.set(k, [...(this.unreadIds.get(k) ?? []), reply.id]);
        if (!this.announced.has(reply.id)) {
          this.announced.add(reply.id);
          fresh.push({ root: relationship.root, item, name });
        }
      }
    }
    if (stateChanged) await this.state.update(STATE_KEYS.seenReplies, seen);
    if (JSON.stringify([...this.counts]) !== before) this.changed.fire();
    if (fresh.length > 0) void this.announce(fresh);
  }

  /** Marks the item's replies read (its thread was shown, or the user acted in it). */
  async markRead(root: string, itemId: string): Promise<void> {
    const k = key(root, itemId);
    const ids = this.unreadIds.get(k);
    if (!ids?.length) return;
    const seen = this.seenState();
    seen[root] = [...new Set([...(seen[root] ?? []), ...ids])];
    await this.state.update(STATE_KEYS.seenReplies, seen);
    this.counts.delete(k);
    this.unreadIds.delete(k);
    this.changed.fire();
  }

  /** Remembers one's own new reply as read, so it never counts on another window's sync. */
  async markOwn(root: string, replyId: string): Promise<void> {
    const seen = this.seenState();
    if (!seen[root]) return;
    seen[root] = [...seen[root], replyId];
    await this.state.update(STATE_KEYS.seenReplies, seen);
  }

  private seenState(): SeenState {
    const raw = this.state.get<unknown>(STATE_KEYS.seenReplies);
    const seen: SeenState = {};
    if (typeof raw === 'object' && raw !== null) {
      for (const [root, ids] of Object.entries(raw as Record<string, unknown>)) {
        if (Array.isArray(ids)) seen[root] = ids.filter((id): id is string => typeof id === 'string');
      }
    }
    return seen;
  }

  private async announce(fresh: readonly { root: string; item: AgendaItem; name: string }[]): Promise<void> {
    const first = fresh[0]!;
    const people = [...new Set(fresh.map((f) => f.name))];
    const items = new Set(fresh.map((f) => `${f.root}\0${f.item.id}`));
    const who = people.length === 1 ? people[0] : `${people.slice(0, -1).join(', ')} and ${people[people.length - 1]}`;
    const what = items.size === 1 ? `"${questionTitle(first.item.question, 60)}"` : `"${questionTitle(first.item.question, 40)}" and ${items.size - 1} more agenda item${items.size === 2 ? '' : 's'}`;
    const message = `${who} replied to ${what}.`;
    this.announcing.fire(message);
    const choice = await vscode.window.showInformationMessage(message, 'Show');
    if (choice === 'Show') await vscode.commands.executeCommand(COMMANDS.openAgendaItem, first.root, first.item.id);
  }

  dispose(): void {
    this.changed.dispose();
    this.announcing.dispose();
  }
}

function key(root: string, itemId: string): string {
  return `${root}\0${itemId}`;
}
