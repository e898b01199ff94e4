import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeNextSync, isUpcoming, NEXT_SYNC_FILE, type ScheduledSync } from '../core/nextSync';
import { daysSinceLastSync, hasSlipped } from '../core/rhythm';
import { COMMANDS } from '../constants';
import { readyAgreement, type Relationship } from '../notes/relationship';
import { ProblemNode } from '../views/nodes';
import { readScheduledSync } from './rhythmFacts';

/** The next sync's date at the top of Next Sync: "Tue 8 Dec, 14:00 · 3 items · in 2 days". */
export class NextSyncDateNode extends vscode.TreeItem {
  constructor(
    readonly relationshipRoot: string,
    readonly sync: ScheduledSync,
    agendaItems: number,
    now: Date,
  ) {
    super(describeNextSync(sync, agendaItems, now), vscode.TreeItemCollapsibleState.None);
    this.id = `next-sync-date:${relationshipRoot}`;
    this.contextValue = 'nextSyncDate';
    this.iconPath = new vscode.ThemeIcon('calendar');
    this.tooltip = `Next sync: ${new Date(sync.start).toString()}, ${sync.minutes} min.\nClick to move it; "Add to Calendar" writes a calendar file.`;
    this.command = { command: COMMANDS.scheduleNextSync, title: 'Schedule Next Sync…', arguments: [relationshipRoot] };
  }
}

/** No sync scheduled: the row that schedules one (a warning when the cadence has slipped). */
export class ScheduleSyncNode extends vscode.TreeItem {
  constructor(
    readonly relationshipRoot: string,
    slippedDays: number | undefined,
  ) {
    super(slippedDays === undefined ? 'Schedule Next Sync…' : `No sync for ${slippedDays} days — schedule the next one`, vscode.TreeItemCollapsibleState.None);
    this.id = `next-sync-date:${relationshipRoot}`;
    this.contextValue = 'nextSyncUnscheduled';
    this.iconPath = slippedDays === undefined ? new vscode.ThemeIcon('calendar') : new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    this.description = slippedDays === undefined ? 'no date yet' : 'the cadence slipped';
    this.command = { command: COMMANDS.scheduleNextSync, title: 'Schedule Next Sync…', arguments: [relationshipRoot] };
  }
}

/** The row(s) Next Sync shows first for a relationship with an agreement. */
export async function nextSyncDateRows(relationship: Relationship, agendaItems: number, now: number): Promise<vscode.TreeItem[]> {
  const agreement = readyAgreement(relationship);
  if (!agreement || agreement.status === 'closed') return [];
  const stored = await readScheduledSync(relationship);
  if (stored.kind === 'broken') return [new ProblemNode(path.join(relationship.root, NEXT_SYNC_FILE), stored.problem)];
  if (stored.kind === 'scheduled' && isUpcoming(stored.sync, now)) return [new NextSyncDateNode(relationship.root, stored.sync, agendaItems, new Date(now))];
  const last = (await relationship.sessions.load()).sessions.at(-1)?.session.date;
  const facts = { agreement, lastSessionDate: last, scheduled: stored.kind === 'scheduled' ? stored.sync : undefined };
  return [new ScheduleSyncNode(relationship.root, hasSlipped(facts, now) ? daysSinceLastSync(facts, now) : undefined)];
}
