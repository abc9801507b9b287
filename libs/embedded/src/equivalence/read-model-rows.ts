import { qualifiedTable, readModelSchemaOf } from '@invoice-engine/read-models';
import type { DataSource } from 'typeorm';

/** One read-model row as text values (numeric, date and jsonb as PostgreSQL prints them), by column. */
export type RowValues = Readonly<Record<string, string | null>>;

/** A read-model table to compare: which rows belong to the run, how a row is named, what to leave out. */
export interface ComparedTable {
  readonly table: string;
  /** Columns that name a row (joined with `|`); the rows of both modes are matched by it. */
  readonly key: readonly string[];
  /** A condition on the table's alias `t`; `$1` is the run id. Null: every row. */
  readonly runFilter: string | null;
  /**
   * Columns that legitimately differ between two runs of the same input on different infrastructure:
   * global event positions (the event store interleaves the services' appends differently) and the
   * invoice number (see `invoiceNumbersByLegalEntity`).
   */
  readonly ignored: readonly string[];
}

const INVOICE_OF_RUN = `t.invoice_id IN (SELECT invoice_id FROM {invoices} WHERE run_id = $1)`;

/** Every read model a run writes, except the run's stage history (its progress checkpoints depend on batching). */
export const COMPARED_TABLES: readonly ComparedTable[] = [
  {
    table: 'invoice_batch_runs',
    key: ['run_id'],
    runFilter: 't.run_id = $1',
    ignored: ['last_position'],
  },
  {
    table: 'invoices',
    key: ['invoice_id'],
    runFilter: 't.run_id = $1',
    ignored: ['last_position', 'invoice_number'],
  },
  {
    table: 'invoice_lines',
    key: ['invoice_id', 'line_no'],
    runFilter: INVOICE_OF_RUN,
    ignored: ['last_position'],
  },
  {
    table: 'invoice_taxes',
    key: ['invoice_id', 'tax_status', 'tax_code', 'tax_rate'],
    runFilter: INVOICE_OF_RUN,
    ignored: ['last_position'],
  },
  { table: 'billing_schedules', key: ['billing_schedule_id'], runFilter: null, ignored: ['last_position'] },
  {
    table: 'billing_schedule_invoiced_periods',
    key: ['billing_schedule_id', 'period_start'],
    runFilter: null,
    ignored: ['added_position'],
  },
  {
    table: 'billing_schedule_invoices',
    key: ['billing_schedule_id', 'invoice_id'],
    runFilter: null,
    ignored: ['last_position'],
  },
  {
    table: 'revenue_transaction_error_logs',
    key: ['error_log_id'],
    runFilter: 't.run_id = $1',
    ignored: ['last_position'],
  },
];

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:?\d{2})?|Z)$/;

/** Instants as ISO UTC: the two databases may print `timestamptz` in different session time zones. */
function normalized(value: string | null): string | null {
  return value !== null && TIMESTAMP.test(value) ? new Date(value).toISOString() : value;
}

interface CellRow {
  readonly row_key: string;
  readonly column_name: string;
  readonly value: string | null;
}

/**
 * The run's rows of one table, by key: every column but the ignored ones, read through `jsonb_each_text`
 * so that each value is compared as PostgreSQL prints it (the numeric scale, the date, the JSON) rather
 * than as one driver or the other turns it into a JavaScript value.
 */
export async function readComparedRows(
  readModels: DataSource,
  compared: ComparedTable,
  runId: string,
): Promise<Record<string, RowValues>> {
  const schema = readModelSchemaOf(readModels);
  const table = qualifiedTable(schema, compared.table);
  const filter =
    compared.runFilter === null
      ? ''
      : `WHERE ${compared.runFilter.replace('{invoices}', qualifiedTable(schema, 'invoices'))}`;
  const rowKey = compared.key.map((column) => `t.${column}::text`).join(` || '|' || `);
  const cells = await readModels.query<CellRow[]>(
    `SELECT ${rowKey} AS row_key, cell.key AS column_name, cell.value
       FROM ${table} t CROSS JOIN LATERAL jsonb_each_text(to_jsonb(t)) AS cell
       ${filter}`,
    compared.runFilter === null ? [] : [runId],
  );
  const rows: Record<string, Record<string, string | null>> = {};
  for (const cell of cells) {
    if (compared.ignored.includes(cell.column_name)) continue;
    const row = (rows[cell.row_key] ??= {});
    row[cell.column_name] = normalized(cell.value);
  }
  return rows;
}

interface NumberRow {
  readonly legal_entity_id: string | null;
  readonly invoice_number: string;
}

/**
 * The run's invoice numbers per legal entity, sorted. Numbers are taken in the order invoices are
 * posted, and groups post concurrently in both modes, so which invoice gets which number legitimately
 * differs; that each legal entity's posted invoices got the same numbers (1..n in a fresh engine) does not.
 */
export async function invoiceNumbersByLegalEntity(
  readModels: DataSource,
  runId: string,
): Promise<Record<string, string[]>> {
  const rows = await readModels.query<NumberRow[]>(
    `SELECT legal_entity_id, invoice_number
       FROM ${qualifiedTable(readModelSchemaOf(readModels), 'invoices')}
      WHERE run_id = $1 AND invoice_number IS NOT NULL`,
    [runId],
  );
  const numbers: Record<string, string[]> = {};
  for (const row of rows) (numbers[row.legal_entity_id ?? ''] ??= []).push(row.invoice_number);
  for (const list of Object.values(numbers)) list.sort();
  return numbers;
}
