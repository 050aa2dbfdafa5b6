import { z } from 'zod';

/** Every non-2xx answer of `/api/v1` (except the RFC 8628 token endpoint) carries this body. */
export const ErrorBodySchema = z.object({
  status_code: z.number().int(),
  detail: z.string(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** List endpoints answer `{items, total, limit, offset}` (dltHub API 0.28). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().nonnegative(),
    limit: z.number().int().positive(),
    offset: z.number().int().nonnegative(),
  });
}
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export const pageLimitDefault = 50;
export const pageLimitMax = 200;

/**
 * A count or position in a query (offset, line number): it must fit the database's 32-bit integers, where
 * PostgreSQL would fail on a larger one; no list holds that many records. A larger one is a bad query.
 */
export const QueryCountSchema = z.coerce
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

/** Query parameters every list endpoint accepts. */
export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(pageLimitMax).default(pageLimitDefault),
  offset: QueryCountSchema.default(0),
});
export type PageQuery = z.input<typeof PageQuerySchema>;

/** ISO-8601 timestamp as the server writes it (`Date#toISOString`). */
export const TimestampSchema = z.iso.datetime();
export const IdSchema = z.string().min(1);
