import { billingProjections } from '@invoice-engine/billing-read-models';
import type { Pool } from 'pg';
import type { TestSchemas } from '../infrastructure/test-database';

export interface RunRow {
  readonly run_id: string;
  readonly status: string | null;
  readonly status_subtype: string | null;
  readonly billing_schedules_scanned: number;
  readonly total_filtered_billing_schedules: number;
  readonly total_billing_schedules_processed: number;
  readonly total_billing_schedules_failed: number;
  readonly groups_expected: number;
  readonly groups_completed: number;
  readonly groups_failed: number;
  readonly total_invoices_generated: number;
  readonly total_invoices_processed: number;
  readonly total_invoices_failed: number;
  readonly total_draft_invoices: number;
  readonly total_posted_invoices: number;
  readonly excluded_by_reason: Record<string, number> | null;
  readonly total_invoiced_amount: string | null;
  readonly total_draft_invoice_amount: string | null;
  readonly currency: string | null;
  readonly totals_by_currency: unknown;
  readonly started_at: Date | null;
  readonly completed_at: Date | null;
}

export interface StageRow {
  readonly status_subtype: string;
  readonly event_type: string;
  readonly occurred_at: Date;
}

export interface InvoiceRow {
  readonly invoice_id: string;
  readonly run_id: string | null;
  readonly grouping_key: string | null;
  readonly chunk_index: number | null;
  readonly billing_account_id: string | null;
  readonly currency: string | null;
  readonly status: string;
  readonly invoice_date: string | null;
  readonly due_date: string | null;
  readonly posted_date: string | null;
  readonly invoice_number: string | null;
  readonly legal_entity_id: string | null;
  readonly line_count: number | null;
  readonly subtotal: string | null;
  readonly tax_total: string | null;
  readonly total: string | null;
  readonly failure_category: string | null;
  readonly failure_code: string | null;
}

export interface InvoiceLineRow {
  readonly invoice_id: string;
  readonly line_no: number;
  readonly billing_schedule_id: string;
  readonly period_start: string;
  readonly period_end: string;
  readonly quantity: string;
  readonly unit_price: string;
  readonly charge_amount: string;
  readonly tax_code: string;
  readonly tax_amount: string | null;
  readonly tax_rate: string | null;
  readonly tax_status: string | null;
}

export interface InvoiceTaxRow {
  readonly invoice_id: string;
  readonly tax_status: string;
  readonly tax_code: string;
  readonly tax_rate: string;
  readonly line_count: number;
  readonly taxable_amount: string;
  readonly tax_amount: string;
}

export interface BillingScheduleRow {
  readonly billing_schedule_id: string;
  readonly status: string | null;
  readonly invoice_run_processing_status: string | null;
  readonly next_charge_from_date: string | null;
  readonly next_billing_date: string | null;
  readonly billed_through_date: string | null;
  readonly billed_amount: string | null;
  readonly pending_amount: string | null;
  readonly failure_run_id: string | null;
  readonly failure_error_code: string | null;
}

export interface ErrorLogRow {
  readonly run_id: string;
  readonly category: string;
  readonly error_code: string;
  readonly message: string;
  readonly primary_record_type: string;
  readonly primary_record_id: string;
  readonly grouping_key: string | null;
}

/**
 * Reads what dashboards read: the read-model tables of one test's schemas (dates as 'YYYY-MM-DD' text,
 * amounts as the decimal text Postgres keeps), and the event store's positions.
 */
export class ReadModelQueries {
  constructor(
    private readonly pool: Pool,
    private readonly schemas: TestSchemas,
  ) {}

  private get rm(): string {
    return `"${this.schemas.readModels}"`;
  }

  private async rows<Row>(sql: string, parameters: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.pool.query(sql, [...parameters]);
    return result.rows as Row[];
  }

  async run(runId: string): Promise<RunRow | undefined> {
    const [row] = await this.rows<RunRow>(`SELECT * FROM ${this.rm}.invoice_batch_runs WHERE run_id = $1`, [
      runId,
    ]);
    return row;
  }

  stages(runId: string): Promise<StageRow[]> {
    return this.rows(
      `SELECT status_subtype, event_type, occurred_at FROM ${this.rm}.invoice_batch_run_stages WHERE run_id = $1 ORDER BY revision`,
      [runId],
    );
  }

  invoices(runId: string): Promise<InvoiceRow[]> {
    return this.rows(
      `SELECT invoice_id, run_id, grouping_key, chunk_index, billing_account_id, currency, status,
              invoice_date::text, due_date::text, posted_date::text, invoice_number, legal_entity_id, line_count,
              subtotal::text, tax_total::text, total::text, failure_category, failure_code
         FROM ${this.rm}.invoices WHERE run_id = $1 ORDER BY grouping_key COLLATE "C", chunk_index`,
      [runId],
    );
  }

  invoiceCount(runId: string): Promise<number> {
    return this.rows<{ count: string }>(`SELECT count(*) FROM ${this.rm}.invoices WHERE run_id = $1`, [
      runId,
    ]).then(([row]) => Number(row?.count ?? 0));
  }

  /** Draft or Posted invoices of the run readable now. */
  successfulInvoiceCount(runId: string): Promise<number> {
    return this.rows<{ count: string }>(
      `SELECT count(*) FROM ${this.rm}.invoices WHERE run_id = $1 AND status IN ('Draft', 'Posted')`,
      [runId],
    ).then(([row]) => Number(row?.count ?? 0));
  }

  invoiceLines(runId: string): Promise<InvoiceLineRow[]> {
    return this.rows(
      `SELECT l.invoice_id, l.line_no, l.billing_schedule_id, l.period_start::text, l.period_end::text,
              l.quantity::text, l.unit_price::text, l.charge_amount::text, l.tax_code, l.tax_amount::text,
              l.tax_rate::text, l.tax_status
         FROM ${this.rm}.invoice_lines l JOIN ${this.rm}.invoices i USING (invoice_id)
        WHERE i.run_id = $1 ORDER BY l.invoice_id, l.line_no`,
      [runId],
    );
  }

  invoiceTaxes(runId: string): Promise<InvoiceTaxRow[]> {
    return this.rows(
      `SELECT t.invoice_id, t.tax_status, t.tax_code, t.tax_rate::text, t.line_count, t.taxable_amount::text, t.tax_amount::text
         FROM ${this.rm}.invoice_taxes t JOIN ${this.rm}.invoices i USING (invoice_id)
        WHERE i.run_id = $1 ORDER BY t.invoice_id, t.tax_status, t.tax_code, t.tax_rate`,
      [runId],
    );
  }

  /** Every period on any invoice, over all runs: (schedule, period start) must never repeat. */
  invoicedPeriods(): Promise<{ billing_schedule_id: string; period_start: string; invoice_id: string }[]> {
    return this.rows(
      `SELECT l.billing_schedule_id, l.period_start::text, l.invoice_id
         FROM ${this.rm}.invoice_lines l JOIN ${this.rm}.invoices i USING (invoice_id)
        WHERE i.status <> 'Canceled'`,
    );
  }

  billingSchedules(): Promise<BillingScheduleRow[]> {
    return this.rows(
      `SELECT billing_schedule_id, status, invoice_run_processing_status, next_charge_from_date::text,
              next_billing_date::text, billed_through_date::text, billed_amount::text, pending_amount::text,
              failure_run_id, failure_error_code
         FROM ${this.rm}.billing_schedules ORDER BY billing_schedule_id`,
    );
  }

  errorLogs(runId: string): Promise<ErrorLogRow[]> {
    return this.rows(
      `SELECT run_id, category, error_code, message, primary_record_type, primary_record_id, grouping_key
         FROM ${this.rm}.revenue_transaction_error_logs WHERE run_id = $1 ORDER BY primary_record_id`,
      [runId],
    );
  }

  /** Events in the store and the position of the last one. */
  async eventStoreTotals(): Promise<{ events: number; lastPosition: bigint }> {
    const [row] = await this.rows<{ events: string; last: string | null }>(
      `SELECT count(*) AS events, max(position)::text AS last FROM "${this.schemas.eventStore}".events`,
    );
    return { events: Number(row?.events ?? 0), lastPosition: BigInt(row?.last ?? '0') };
  }

  /** Events of the store per type. */
  async eventsByType(): Promise<Record<string, number>> {
    const rows = await this.rows<{ type: string; events: string }>(
      `SELECT type, count(*) AS events FROM "${this.schemas.eventStore}".events GROUP BY type`,
    );
    return Object.fromEntries(rows.map((row) => [row.type, Number(row.events)]));
  }

  /** Events appended per stream category (billingSchedule, invoice, invoiceBatchRun, …). */
  async eventsByCategory(): Promise<Record<string, number>> {
    const rows = await this.rows<{ category: string; events: string }>(
      `SELECT category, count(*) AS events FROM "${this.schemas.eventStore}".events GROUP BY category`,
    );
    return Object.fromEntries(rows.map((row) => [row.category, Number(row.events)]));
  }

  /** For each projection, the position of the last event of the types it reads (0 when there is none). */
  async projectionTargets(): Promise<ReadonlyMap<string, bigint>> {
    const targets = new Map<string, bigint>();
    for (const projection of billingProjections) {
      const [row] = await this.rows<{ last: string | null }>(
        `SELECT max(position)::text AS last FROM "${this.schemas.eventStore}".events WHERE type = ANY($1)`,
        [projection.eventTypes],
      );
      targets.set(projection.name, BigInt(row?.last ?? '0'));
    }
    return targets;
  }

  /** Whether every projection's checkpoint has reached its target position. */
  async projectionsReached(targets: ReadonlyMap<string, bigint>): Promise<boolean> {
    const checkpoints = await this.rows<{ projection_name: string; position: string }>(
      `SELECT projection_name, position::text FROM ${this.rm}.projection_checkpoints`,
    ).catch(() => []);
    const byName = new Map(checkpoints.map((row) => [row.projection_name, BigInt(row.position)]));
    return [...targets].every(([name, target]) => target === 0n || (byName.get(name) ?? -1n) >= target);
  }
}
