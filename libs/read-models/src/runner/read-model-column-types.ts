import type { DataSource } from 'typeorm';
import type { ColumnTypes } from '../projection/row-operation-statements';
import type { SqlRunner } from './projection-checkpoint';

type TableTypes = Map<string, ReadonlyMap<string, string>>;

/** Per data source and schema, the column types of the tables looked up so far. */
const knownTypes = new WeakMap<DataSource, Map<string, TableTypes>>();

/**
 * The column types of the projection's tables, read from the catalog the first time a data source
 * writes them. A column added later by a migration is simply unknown: its statements fall back to
 * VALUES lists.
 */
export async function readModelColumnTypes(
  dataSource: DataSource,
  runner: SqlRunner,
  schema: string,
  tables: readonly string[],
): Promise<ColumnTypes> {
  const bySchema = knownTypes.get(dataSource) ?? new Map<string, TableTypes>();
  knownTypes.set(dataSource, bySchema);
  const known = bySchema.get(schema) ?? new Map<string, ReadonlyMap<string, string>>();
  bySchema.set(schema, known);
  const missing = tables.filter((table) => !known.has(table));
  if (missing.length > 0) {
    const rows = await runner.query<{ table_name: string; column_name: string; column_type: string }[]>(
      `SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS column_type
         FROM pg_catalog.pg_attribute a
         JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) AND a.attnum > 0 AND NOT a.attisdropped`,
      [schema, missing],
    );
    for (const table of missing) {
      const columns = new Map(
        rows.filter((row) => row.table_name === table).map((row) => [row.column_name, row.column_type]),
      );
      if (columns.size > 0) known.set(table, columns);
    }
  }
  return (table) => known.get(table);
}
