import type { Relationship } from '../notes/relationship';
import { AgendaGroupNode, type AgendaItemNode } from './agendaNodes';

export const AGENDA_GROUPINGS = ['order', 'file', 'tag'] as const;
export type AgendaGrouping = (typeof AGENDA_GROUPINGS)[number];

/** Groups item nodes by file or by tag; "order" keeps the flat sync order. */
export function groupAgenda(relationship: Relationship, nodes: readonly AgendaItemNode[], grouping: AgendaGrouping): (AgendaItemNode | AgendaGroupNode)[] {
  if (grouping === 'order') return [...nodes];
  const groups = new Map<string, AgendaItemNode[]>();
  for (const node of nodes) {
    const keys = grouping === 'file' ? [fileOf(node)] : node.item.tags.length ? node.item.tags.map((tag) => `#${tag}`) : ['(no tag)'];
    for (const key of keys) groups.set(key, [...(groups.get(key) ?? []), node]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, members]) => new AgendaGroupNode(relationship, key, members, grouping === 'file' ? 'file-code' : 'tag'));
}

function fileOf(node: AgendaItemNode): string {
  return node.where.kind === 'here' ? node.where.location.path : node.item.anchor.path;
}
