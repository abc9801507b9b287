import type { RunCriteria } from '@invoice-engine/billing-schedules';
import type { GlobalPosition } from '@invoice-engine/event-store';
import { qualifiedTable, readModelSchemaOf, readProjectionCheckpoint } from '@invoice-engine/read-models';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { BillingScheduleSnapshot, BillingScheduleSource } from '../billing-schedule-source';
import { billingSchedulesProjection } from '../projections/billing-schedules/billing-schedules.projection';
import { BillingScheduleTables } from '../projections/billing-schedules/billing-schedule-rows';
import { dateText, instantText } from '../sql/instant-sql';
import { billingScheduleOf, type BillingScheduleRow } from './billing-schedule-row';
import { runCriteriaSql } from './run-criteria-sql';

/** The projection did not reach the position in time; filtering retries later rather than miss schedules. */
export class BillingSchedulesNotCaughtUpError extends Error {
  override readonly name = 'BillingSchedulesNotCaughtUpError';

  constructor(
    readonly position: GlobalPosition,
    readonly checkpoint: GlobalPosition | null,
    readonly timeoutMs: number,
  ) {
    super(
      `The billing-schedules projection is at ${checkpoint ?? 'nothing'}, not yet at ${position}, after ${timeoutMs} ms`,
    );
  }
}

export interface PostgresBillingScheduleSourceOptions {
  /** How often `waitUntilCaughtUp` reads the checkpoint (default 100 ms). */
  readonly pollIntervalMs?: number;
}

/**
 * The billing schedule source on the `billing_schedules` read model: a keyset cursor
 * (`WHERE id > last ORDER BY id LIMIT n`, ids in the "C" collation) with the run's criteria in SQL.
 * Each page is one statement, so a schedule and its invoiced periods come from one snapshot.
 */
export class PostgresBillingScheduleSource implements BillingScheduleSource {
  private readonly pollIntervalMs: number;

  constructor(
    private readonly dataSource: DataSource,
    options: PostgresBillingScheduleSourceOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
  }

  async *scan(criteria: RunCriteria, batchSize: number): AsyncIterable<readonly BillingScheduleSnapshot[]> {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`Invalid batch size ${batchSize}`);
    const criteriaSql = runCriteriaSql(criteria, 3);
    const text = this.pageQuery(criteriaSql.conditions);
    const page = (after: string) =>
      this.dataSource.query<BillingScheduleRow[]>(text, [after, batchSize, ...criteriaSql.parameters]);
    // The next page is requested before this one is handed out: PostgreSQL reads it while the caller
    // works through this one (filtering spent as long waiting for pages as checking them).
    let next: Promise<BillingScheduleRow[]> | null = page('');
    try {
      while (next !== null) {
        const rows: BillingScheduleRow[] = await next;
        const last = rows[rows.length - 1];
        next = last !== undefined && rows.length === batchSize ? page(last.billing_schedule_id) : null;
        if (rows.length === 0) return;
        yield rows.map((row) => ({
          billingScheduleId: row.billing_schedule_id,
          schedule: billingScheduleOf(row),
          revision: BigInt(row.revision),
        }));
      }
    } finally {
      // A caller that stops early leaves a page in flight: its failure is of no interest to anyone.
      next?.catch(() => undefined);
    }
  }

  async waitUntilCaughtUp(position: GlobalPosition, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoint = await readProjectionCheckpoint(
        this.dataSource.manager,
        readModelSchemaOf(this.dataSource),
        billingSchedulesProjection.name,
      );
      if (checkpoint !== null && checkpoint >= position) return;
      if (Date.now() >= deadline) throw new BillingSchedulesNotCaughtUpError(position, checkpoint, timeoutMs);
      await sleep(Math.min(this.pollIntervalMs, Math.max(1, deadline - Date.now())));
    }
  }

  private pageQuery(criteria: readonly string[]): string {
    const schema = readModelSchemaOf(this.dataSource);
    const schedules = qualifiedTable(schema, BillingScheduleTables.Schedules);
    const periods = qualifiedTable(schema, BillingScheduleTables.InvoicedPeriods);
    const invoices = qualifiedTable(schema, BillingScheduleTables.Invoices);
    const dates = ['start_date', 'end_date', 'cancellation_date', 'suspension_from', 'suspension_resume_on'];
    const positions = ['next_charge_from_date', 'next_billing_date', 'billed_through_date'];
    return `SELECT s.billing_schedule_id, s.currency, s.terms_at_creation, s.unit_price, s.quantity,
        ${[...dates, ...positions].map((column) => `${dateText(column)} AS ${column}`).join(', ')},
        s.hold_billing, s.generate_invoice, ${instantText('invoicing_enabled_at')} AS invoicing_enabled_at,
        s.status, s.invoice_run_processing_status, s.billed_amount::text AS billed_amount,
        s.pending_amount::text AS pending_amount, s.failure_run_id, s.failure_error_code, s.failure_message,
        s.revision::text AS revision,
        COALESCE((
          SELECT jsonb_agg(jsonb_build_object(
                   'periodStart', p.period_start::text, 'periodEnd', p.period_end::text,
                   'chargeAmount', p.charge_amount::text, 'currency', p.currency, 'runId', p.run_id,
                   'invoiceId', p.invoice_id, 'invoiceStatus', i.invoice_status)
                 ORDER BY p.added_position, p.period_index)
            FROM ${periods} p
            JOIN ${invoices} i ON i.billing_schedule_id = p.billing_schedule_id AND i.invoice_id = p.invoice_id
           WHERE p.billing_schedule_id = s.billing_schedule_id), '[]'::jsonb) AS invoiced_periods
      FROM ${schedules} s
     WHERE ${['s.billing_schedule_id > $1', ...criteria].join(' AND ')}
     ORDER BY s.billing_schedule_id
     LIMIT $2`;
  }
}
