/**
 * The little the event store needs from a PostgreSQL connection, so that the same adapter runs on a
 * `pg` pool (distributed mode) and on PGlite (embedded mode).
 */
export interface SqlConnection {
  /** One parameterized statement, in autocommit mode. Rows come back as the driver parsed them. */
  query<Row extends object>(text: string, params?: readonly unknown[]): Promise<readonly Row[]>;
  /** Runs `work` in one transaction on one connection; commits if it resolves, rolls back if it rejects. */
  transaction<T>(work: (transaction: SqlQueryable) => Promise<T>): Promise<T>;
  /** Calls `onNotification` for every NOTIFY on `channel` until the returned function is called. */
  listen(channel: string, onNotification: () => void): Promise<() => Promise<void>>;
  /** Releases the connection (pool or database). */
  close(): Promise<void>;
}

export type SqlQueryable = Pick<SqlConnection, 'query'>;

/** SQLSTATE of a failed statement, as both `pg` and PGlite report it. */
export function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

export const SqlState = { UniqueViolation: '23505' } as const;

/** Quotes an identifier (schema, channel) for the rare statements that cannot take it as a parameter. */
export function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
