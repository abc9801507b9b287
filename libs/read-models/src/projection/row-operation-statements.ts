import { qualifiedTable, quoteIdentifier } from '../sql-identifier';
import { coalesceRowOperations } from './coalesce-row-operations';
import type { ColumnValue, DeleteRows, Row, RowOperation, UpsertRows } from './row-operation';

type SqlValue = string | number | boolean | null;

/** A parameterized SQL statement. */
export interface SqlStatement {
  readonly text: string;
  readonly parameters: readonly SqlValue[];
}

/**
 * The SQL types of a table's columns (`format_type` spelling: `numeric(20,0)`, `jsonb`), or undefined
 * when unknown. With every column's type known, an upsert sends its rows as one JSON parameter
 * instead of one parameter per value: Postgres parses and plans it faster than a long VALUES list.
 */
export type ColumnTypes = (table: string) => ReadonlyMap<string, string> | undefined;

/** Postgres accepts at most 65535 bind parameters in one statement. */
const maxParameters = 65535;

/**
 * Turns row operations into a few multi-row statements: the operations are first coalesced to one
 * write per row (`coalesceRowOperations`), then each table gets one DELETE for the rows it deletes
 * and one INSERT … ON CONFLICT per set of columns, split only when a statement would exceed the
 * bind-parameter limit.
 */
export function rowOperationStatements(
  schema: string,
  operations: readonly RowOperation[],
  columnTypes: ColumnTypes = () => undefined,
): SqlStatement[] {
  return coalesceRowOperations(operations).flatMap((operation) =>
    operation.kind === 'upsert'
      ? upsertStatements(schema, operation, columnTypes(operation.table))
      : deleteStatements(schema, operation),
  );
}

function upsertStatements(
  schema: string,
  operation: UpsertRows,
  types: ReadonlyMap<string, string> | undefined,
): SqlStatement[] {
  const rows = operation.rows;
  if (rows.length === 0) return [];
  // Coalescing grouped the rows by their set of columns: the first row's are every row's.
  const columns = columnsOf(operation);
  for (const column of [
    ...operation.key,
    ...(operation.onlyWhenGreater === null ? [] : [operation.onlyWhenGreater]),
  ]) {
    if (!columns.includes(column))
      throw new Error(`Upsert into ${operation.table} lacks the column "${column}"`);
  }
  const updated = columns.filter((column) => !operation.key.includes(column));
  const conflict = `ON CONFLICT (${operation.key.map(quoteIdentifier).join(', ')})`;
  const action =
    updated.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${updated.map((column) => `${quoteIdentifier(column)} = EXCLUDED.${quoteIdentifier(column)}`).join(', ')}` +
        guardClause(operation.onlyWhenGreater);
  const target = `INSERT INTO ${qualifiedTable(schema, operation.table)} AS existing (${columns.map(quoteIdentifier).join(', ')})`;
  const columnTypes = columns.map((column) => types?.get(column));
  if (columnTypes.every((type) => type !== undefined)) {
    // Every row as one JSON array of its values, all rows in one jsonb parameter: `JSON.stringify` is
    // four times cheaper than `pg` writing one array literal per column (a projector's hottest step),
    // and Postgres reads each value back as text cast to its column's type, as it did from the arrays.
    const values = JSON.stringify(
      rows.map((row) => columns.map((column) => parameterOf(row[column] ?? null))),
    );
    const selected = columnTypes.map((type, index) => `(row_values->>${index})::${type}`).join(', ');
    return [
      {
        text: `${target} SELECT ${selected} FROM jsonb_array_elements($1::jsonb) AS row_values ${conflict} ${action}`,
        parameters: [values],
      },
    ];
  }
  const head = `${target} VALUES `;
  return chunks(rows, columns.length).map((chunk) => {
    const parameters: SqlValue[] = [];
    for (const row of chunk) for (const column of columns) parameters.push(parameterOf(row[column] ?? null));
    return { text: `${head}${placeholders(chunk.length, columns.length)} ${conflict} ${action}`, parameters };
  });
}

function guardClause(onlyWhenGreater: string | null): string {
  if (onlyWhenGreater === null) return '';
  const column = quoteIdentifier(onlyWhenGreater);
  return ` WHERE existing.${column} IS NULL OR existing.${column} < EXCLUDED.${column}`;
}

function deleteStatements(schema: string, operation: DeleteRows): SqlStatement[] {
  if (operation.keys.length === 0) return [];
  for (const key of operation.keys) assertColumns(operation.table, key, operation.key);
  const target = `(${operation.key.map(quoteIdentifier).join(', ')})`;
  return chunks(operation.keys, operation.key.length).map((chunk) => ({
    text: `DELETE FROM ${qualifiedTable(schema, operation.table)} WHERE ${target} IN (${placeholders(chunk.length, operation.key.length)})`,
    parameters: chunk.flatMap((key) => operation.key.map((column) => parameterOf(key[column] ?? null))),
  }));
}

function columnsOf(operation: UpsertRows): string[] {
  const first = operation.rows[0];
  return first === undefined ? [...operation.key] : Object.keys(first);
}

function assertColumns(table: string, row: Row, columns: readonly string[]): void {
  const actual = Object.keys(row);
  if (actual.length !== columns.length || !columns.every((column) => Object.hasOwn(row, column))) {
    throw new Error(
      `Rows for ${table} must all have the columns ${columns.join(', ')}; got ${actual.join(', ')}`,
    );
  }
}

function chunks<T>(items: readonly T[], columnsPerItem: number): T[][] {
  const size = Math.max(1, Math.floor(maxParameters / columnsPerItem));
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

function placeholders(rowCount: number, columnCount: number): string {
  const rows: string[] = [];
  for (let row = 0; row < rowCount; row += 1) {
    const cells: string[] = [];
    for (let column = 1; column <= columnCount; column += 1) cells.push(`$${row * columnCount + column}`);
    rows.push(`(${cells.join(', ')})`);
  }
  return rows.join(', ');
}

/** bigint travels as text: neither `pg` nor PGlite serializes it the same way on its own. */
function parameterOf(value: ColumnValue): SqlValue {
  return typeof value === 'bigint' ? value.toString() : value;
}
