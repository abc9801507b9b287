import { quoteIdentifier } from '@invoice-engine/read-models';

/**
 * A `timestamptz` column read back as the ISO-8601 UTC instant the events carry
 * (`2026-03-01T06:00:00.000Z`), without going through a JavaScript `Date` in the server's time zone.
 */
export function instantText(column: string): string {
  return `to_char(${quoteIdentifier(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A `date` column read back as `YYYY-MM-DD` (pg would otherwise build a local-time `Date`). */
export function dateText(column: string): string {
  return `${quoteIdentifier(column)}::text`;
}
