import type { ColumnValue, Row, RowOperation } from './row-operation';

/** What a batch leaves of one row: whether it deletes it first, and the columns it writes after that. */
interface KeyWrites {
  /** The first row or key written with this key (its key columns name the row). */
  readonly first: Row;
  deleted: boolean;
  columns: Row | null;
  /** Whether `columns` is a copy of our own, which later writes may change in place. */
  owned: boolean;
  /** `columnSet(columns)` when known: the operation's, as long as the row was written once. */
  signature: string | null;
}

/** Keys to their writes, one map level per key column (Map tells 1, '1' and 1n apart, as Postgres would). */
type KeyIndex = Map<ColumnValue, KeyIndex | KeyWrites>;

/** The writes of one table, one entry per key in the order keys were first written. */
interface TableWrites {
  readonly table: string;
  readonly key: readonly string[];
  /** The guard column of the table's upserts (undefined until the first upsert). */
  onlyWhenGreater: string | null | undefined;
  readonly byKey: KeyIndex;
  readonly entries: KeyWrites[];
}

/**
 * Folds a batch's row operations into the fewest writes that leave the same rows as applying them one
 * by one, so that a batch costs a few statements per table instead of a few per event:
 *
 * - the upserts of one row become one row: the union of their columns, a later value overwriting an
 *   earlier one; with a guard column, an upsert whose guard is not greater than the row's so far is
 *   dropped, as Postgres would skip it;
 * - a delete drops the writes before it and becomes one delete, run before the table's upserts; an
 *   upsert after it starts the row afresh;
 * - per table, the deletes come first, then one upsert per set of columns (rows with the same
 *   columns share a statement). Each key is written at most once, so the order of these no longer
 *   matters; tables keep the order in which they were first written.
 *
 * Against a row already in the table the result equals the one-by-one writes whenever the row's
 * guard is below every guard of the batch or at or above all of them, which the runner ensures:
 * batches are consecutive ranges of a projection's events, and a redelivered range is skipped or
 * re-applied whole.
 *
 * Every operation on one table must use the same key columns and the same guard, and the rows of one
 * operation the same columns.
 */
export function coalesceRowOperations(operations: readonly RowOperation[]): RowOperation[] {
  const tables = new Map<string, TableWrites>();
  for (const operation of operations) {
    const writes = tableWrites(tables, operation);
    if (operation.kind === 'delete') {
      for (const key of operation.keys) {
        const entry = keyWrites(writes, key);
        entry.deleted = true;
        entry.columns = null;
        entry.owned = false;
        entry.signature = null;
      }
    } else {
      if (writes.onlyWhenGreater === undefined) writes.onlyWhenGreater = operation.onlyWhenGreater;
      else if (writes.onlyWhenGreater !== operation.onlyWhenGreater)
        throw new Error(`Upserts into ${operation.table} must all use the same guard column`);
      const first = operation.rows[0];
      const columns = first === undefined ? [] : Object.keys(first);
      const signature = first === undefined ? '' : columnSet(first);
      for (const row of operation.rows) {
        if (row !== first) assertColumns(operation.table, row, columns);
        upsert(keyWrites(writes, row), row, operation.onlyWhenGreater, signature);
      }
    }
  }
  return [...tables.values()].flatMap(writtenOperations);
}

function tableWrites(tables: Map<string, TableWrites>, operation: RowOperation): TableWrites {
  const existing = tables.get(operation.table);
  if (existing === undefined) {
    const created: TableWrites = {
      table: operation.table,
      key: operation.key,
      onlyWhenGreater: undefined,
      byKey: new Map(),
      entries: [],
    };
    tables.set(operation.table, created);
    return created;
  }
  if (!sameColumns(existing.key, operation.key))
    throw new Error(`Operations on ${operation.table} must all use the key (${existing.key.join(', ')})`);
  return existing;
}

function keyWrites(writes: TableWrites, row: Row): KeyWrites {
  let level = writes.byKey;
  let found: KeyIndex | KeyWrites | undefined;
  writes.key.forEach((column, index) => {
    const value = row[column] ?? null;
    found = level.get(value);
    if (index === writes.key.length - 1) return;
    if (found === undefined) {
      found = new Map();
      level.set(value, found);
    }
    level = found as KeyIndex;
  });
  if (found !== undefined) return found as KeyWrites;
  const created: KeyWrites = { first: row, deleted: false, columns: null, owned: false, signature: null };
  level.set(row[writes.key.at(-1) ?? ''] ?? null, created);
  writes.entries.push(created);
  return created;
}

/** Most rows are written once: a row is copied only when a second write changes it. */
function upsert(entry: KeyWrites, row: Row, onlyWhenGreater: string | null, signature: string): void {
  const current = entry.columns;
  if (current === null) {
    entry.columns = row;
    entry.signature = signature;
    return;
  }
  if (onlyWhenGreater !== null && !isGreater(row[onlyWhenGreater] ?? null, current[onlyWhenGreater] ?? null))
    return;
  entry.columns = entry.owned
    ? Object.assign(current as Record<string, ColumnValue>, row)
    : { ...current, ...row };
  entry.owned = true;
  entry.signature = null;
}

/** `value > current` as the guard compares them; a null current guard is always overwritten. */
function isGreater(value: ColumnValue, current: ColumnValue): boolean {
  if (current === null) return true;
  if (value === null) return false;
  return value > current;
}

function writtenOperations(writes: TableWrites): RowOperation[] {
  const deleted: Row[] = [];
  const byColumns = new Map<string, Row[]>();
  for (const entry of writes.entries) {
    if (entry.deleted) deleted.push(keyOf(writes.key, entry.first));
    if (entry.columns === null) continue;
    const signature = entry.signature ?? columnSet(entry.columns);
    const rows = byColumns.get(signature);
    if (rows === undefined) byColumns.set(signature, [entry.columns]);
    else rows.push(entry.columns);
  }
  const deletes: RowOperation[] =
    deleted.length === 0 ? [] : [{ kind: 'delete', table: writes.table, key: writes.key, keys: deleted }];
  const upserts: RowOperation[] = [...byColumns.values()].map((rows) => ({
    kind: 'upsert',
    table: writes.table,
    key: writes.key,
    rows,
    onlyWhenGreater: writes.onlyWhenGreater ?? null,
  }));
  return [...deletes, ...upserts];
}

/** The row's columns in a canonical order, remembered per column order seen (folds write few shapes). */
const columnSets = new Map<string, string>();

function columnSet(row: Row): string {
  const columns = Object.keys(row);
  const inOrder = columns.join('\u0000');
  const known = columnSets.get(inOrder);
  if (known !== undefined) return known;
  const canonical = columns.sort().join('\u0000');
  if (columnSets.size < 10_000) columnSets.set(inOrder, canonical);
  return canonical;
}

function keyOf(key: readonly string[], row: Row): Row {
  return Object.fromEntries(key.map((column) => [column, row[column] ?? null]));
}

/** The rows of one upsert share their columns: a row without one would write null into it. */
function assertColumns(table: string, row: Row, columns: readonly string[]): void {
  let count = 0;
  for (const column in row) if (Object.hasOwn(row, column)) count += 1;
  if (count !== columns.length || !columns.every((column) => Object.hasOwn(row, column))) {
    throw new Error(
      `Rows for ${table} must all have the columns ${columns.join(', ')}; got ${Object.keys(row).join(', ')}`,
    );
  }
}

function sameColumns(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((column, index) => column === right[index]);
}
