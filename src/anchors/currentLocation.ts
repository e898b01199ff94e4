import type { AgendaItem } from '../core/agendaItem';
import type { AnchorLocator, ItemLocation } from './anchorLocator';

/**
 * Where an agenda item's code is now, written the one way every place shows it: Next Sync, the
 * Record Takeaways pick, a session's Discussed list and the Review. Code that moved is shown where
 * it is now; code that is gone, not on this machine or not yet located keeps where it was flagged.
 */
export function placeOf(item: AgendaItem, where: ItemLocation | { readonly kind: 'locating' } | undefined): string {
  const here = where?.kind === 'here' ? where.location : undefined;
  const line = (here?.range ?? item.anchor.range).startLine + 1;
  return `${here ? here.path : item.anchor.path}:${line}`;
}

/** The current place of each item (by id), located in one batch. */
export async function currentPlaces(locator: AnchorLocator, items: readonly AgendaItem[]): Promise<Map<string, string>> {
  const located = await locator.locateAll(items);
  return new Map(items.map((item, index) => [item.id, placeOf(item, located[index])]));
}
