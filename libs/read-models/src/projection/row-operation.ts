/** A value a projection may write into a column. Money and positions are bigint; instants and dates are strings. */
export type ColumnValue = string | number | bigint | boolean | null;

/** One read-model row, column name → value. */
export type Row = Readonly<Record<string, ColumnValue>>;

/**
 * Insert rows, or overwrite the listed columns of rows that already exist with the same key.
 * Every row of one operation has the same columns.
 */
export interface UpsertRows {
  readonly kind: 'upsert';
  readonly table: string;
  /** The columns of the table's primary key or of a unique constraint; ON CONFLICT targets them. */
  readonly key: readonly string[];
  readonly rows: readonly Row[];
  /**
   * A column (usually the global position of the event that last wrote the row) that must grow for
   * an existing row to be overwritten; null to always overwrite. With it, replaying an old event
   * cannot move a row backwards even without the checkpoint.
   */
  readonly onlyWhenGreater: string | null;
}

/** Delete the rows with these keys. */
export interface DeleteRows {
  readonly kind: 'delete';
  readonly table: string;
  readonly key: readonly string[];
  /** Each entry holds the key columns of one row to delete. */
  readonly keys: readonly Row[];
}

/**
 * What a projection fold returns: changes to rows as data. The runner turns them into multi-row
 * statements and executes them in order, in one transaction with the checkpoint.
 */
export type RowOperation = UpsertRows | DeleteRows;

export function upsertRows(
  table: string,
  key: readonly string[],
  rows: readonly Row[],
  onlyWhenGreater: string | null = null,
): UpsertRows {
  return { kind: 'upsert', table, key, rows, onlyWhenGreater };
}

export function deleteRows(table: string, key: readonly string[], keys: readonly Row[]): DeleteRows {
  return { kind: 'delete', table, key, keys };
}
