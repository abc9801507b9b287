import { qualifiedTable, quoteIdentifier } from '../sql-identifier';
import type { ColumnValue, DeleteRows, Row, RowOperation, UpsertRows } from './row-operation';

/** A parameterized SQL statement. */
export interface SqlStatement {
  readonly text: string;
  readonly parameters: readonly (string | number | boolean | null)[];
}

/** Postgres accepts at most 65535 bind parameters in one statement. */
const maxParameters = 65535;

/**
 * Turns row operations into as few multi-row statements as their order allows: consecutive
 * operations on the same table with the same shape become one statement (split only when it
 * would exceed the bind-parameter limit). Order between different operations is kept.
 */
export function rowOperationStatements(schema: string, operations: readonly RowOperation[]): SqlStatement[] {
  return mergeConsecutive(operations).flatMap((operation) =>
    operation.kind === 'upsert' ? upsertStatements(schema, operation) : deleteStatements(schema, operation),
  );
}

function mergeConsecutive(operations: readonly RowOperation[]): RowOperation[] {
  const merged: RowOperation[] = [];
  for (const operation of operations) {
    const previous = merged.at(-1);
    if (previous !== undefined && sameShape(previous, operation)) {
      merged[merged.length - 1] = appendRows(previous, operation);
    } else {
      merged.push(operation);
    }
  }
  return merged;
}

function sameShape(left: RowOperation, right: RowOperation): boolean {
  if (left.kind !== right.kind || left.table !== right.table || !sameColumns(left.key, right.key))
    return false;
  if (left.kind === 'delete' || right.kind === 'delete') return true;
  return left.onlyWhenGreater === right.onlyWhenGreater && sameColumns(columnsOf(left), columnsOf(right));
}

function appendRows(previous: RowOperation, next: RowOperation): RowOperation {
  if (previous.kind === 'upsert' && next.kind === 'upsert')
    return { ...previous, rows: [...previous.rows, ...next.rows] };
  if (previous.kind === 'delete' && next.kind === 'delete')
    return { ...previous, keys: [...previous.keys, ...next.keys] };
  throw new Error('Only operations of the same kind can be merged');
}

function upsertStatements(schema: string, operation: UpsertRows): SqlStatement[] {
  const rows = lastRowPerKey(operation);
  if (rows.length === 0) return [];
  const columns = columnsOf(operation);
  for (const row of rows) assertColumns(operation.table, row, columns);
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
  const head = `INSERT INTO ${qualifiedTable(schema, operation.table)} AS existing (${columns.map(quoteIdentifier).join(', ')}) VALUES `;
  return chunks(rows, columns.length).map((chunk) => {
    const parameters = chunk.flatMap((row) => columns.map((column) => parameterOf(row[column] ?? null)));
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

/** Postgres refuses to update one row twice in a statement, so within a statement the last row for a key wins. */
function lastRowPerKey(operation: UpsertRows): Row[] {
  const byKey = new Map<string, Row>();
  for (const row of operation.rows) {
    const identity = operation.key.map((column) => identityOf(row[column] ?? null)).join('\u0000');
    byKey.delete(identity);
    byKey.set(identity, row);
  }
  return [...byKey.values()];
}

function identityOf(value: ColumnValue): string {
  return value === null ? 'null' : `${typeof value}:${String(value)}`;
}

function columnsOf(operation: UpsertRows): string[] {
  const first = operation.rows[0];
  return first === undefined ? [...operation.key] : Object.keys(first);
}

function sameColumns(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((column, index) => column === right[index]);
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
function parameterOf(value: ColumnValue): string | number | boolean | null {
  return typeof value === 'bigint' ? value.toString() : value;
}
