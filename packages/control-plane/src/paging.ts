/**
 * The `{items, total, limit, offset}` pages of the list endpoints: from the store, one page read and the rest
 * counted (lists that grow without bound: runs, fires, versions), or sliced from a short list read whole.
 */
import type { TableName, Tables } from './store/schema';
import type { ListOrder, Tx, Where } from './store/types';

/** One page of a table's rows in `order`, read and counted in the database rather than sliced from all of them. */
export async function pageOf<K extends TableName, V>(
  tx: Tx,
  table: K,
  where: Where<Tables[K]>,
  order: Omit<ListOrder<Tables[K]>, 'limit' | 'offset'>,
  query: { limit: number; offset: number },
  view: (row: Tables[K]) => V,
) {
  const rows = await tx.list(table, where, { ...order, limit: query.limit, offset: query.offset });
  return { items: rows.map(view), total: await tx.count(table, where), limit: query.limit, offset: query.offset };
}

/** A page of a list read whole (memberships, keys, jobs: a few hundred at most). */
export function paginate<T>(items: T[], query: { limit: number; offset: number }) {
  return {
    items: items.slice(query.offset, query.offset + query.limit),
    total: items.length,
    limit: query.limit,
    offset: query.offset,
  };
}
