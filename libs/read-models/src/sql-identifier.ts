/**
 * Quotes a Postgres identifier. Table and column names in row operations come from projection code,
 * not from users, but they are still quoted so a reserved word or a capital letter cannot break a
 * statement, and so nothing but values ever travels as SQL text.
 */
export function quoteIdentifier(name: string): string {
  if (name.length === 0) throw new Error('An SQL identifier cannot be empty');
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"schema"."table"`. */
export function qualifiedTable(schema: string, table: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}
