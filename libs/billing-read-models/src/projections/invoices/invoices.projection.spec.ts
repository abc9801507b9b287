import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@invoice-engine/event-store';
import type { InvoiceEvent } from '@invoice-engine/invoicing';
import { streamName, StreamCategory } from '@invoice-engine/kernel';
import type { RowOperation, UpsertRows } from '@invoice-engine/read-models';
import { scheduleHistory, scheduleOf, scheduleTerms } from '../../testing/billing-schedule.fixture';
import {
  canceledInvoiceHistory,
  invoiceFailedWhilePending,
  invoiceFor,
  postedInvoiceHistory,
} from '../../testing/invoice.fixture';
import { RecordedLog } from '../../testing/recorded-log.fixture';
import { invoicesProjection } from './invoices.projection';

const schedule = scheduleOf(scheduleHistory({ type: 'CreateBillingSchedule', terms: scheduleTerms() }));
const invoice = invoiceFor(schedule, 'run-1', '2026-03-01');

function recordedPosted(): RecordedEvent[] {
  return new RecordedLog().recordAll(
    streamName(StreamCategory.Invoice, invoice.invoiceId),
    postedInvoiceHistory(invoice),
  );
}

function recorded(type: InvoiceEvent['type']): RecordedEvent {
  const event = recordedPosted().find((candidate) => candidate.type === type);
  if (event === undefined) throw new Error(`No ${type}`);
  return event;
}

function rows(operations: readonly RowOperation[], table: string): UpsertRows['rows'] {
  return operations.flatMap((operation) =>
    operation.kind === 'upsert' && operation.table === table ? operation.rows : [],
  );
}

describe('the invoices projection', () => {
  it('writes the header and the untaxed lines when drafting starts', () => {
    const operations = invoicesProjection.fold([recorded('InvoiceDraftingStarted')]);
    expect(rows(operations, 'invoices')).toEqual([
      expect.objectContaining({
        invoice_id: invoice.invoiceId,
        run_id: 'run-1',
        grouping_key: invoice.groupingKey,
        chunk_index: 0,
        chunk_count: 1,
        billing_account_id: 'acct-1',
        currency: 'USD',
        status: 'DraftInProgress',
        invoice_date: '2026-03-01',
        due_date: '2026-03-31',
        line_count: 3,
        subtotal: '509.68',
        subtotal_minor: 50968n,
        tax_total: null,
        total: null,
      }),
    ]);
    expect(rows(operations, 'invoice_lines')).toEqual([
      expect.objectContaining({
        line_no: 1,
        period_start: '2026-01-15',
        charge_amount: '109.68',
        tax_amount: null,
      }),
      expect.objectContaining({ line_no: 2, period_start: '2026-02-01', charge_amount: '200.00' }),
      expect.objectContaining({ line_no: 3, period_start: '2026-03-01', billing_schedule_id: 'bs-1' }),
    ]);
  });

  it('writes the estimated taxes and totals when drafted (worked example 1)', () => {
    const operations = invoicesProjection.fold([recorded('InvoiceDrafted')]);
    expect(rows(operations, 'invoices')[0]).toMatchObject({
      status: 'Draft',
      subtotal: '509.68',
      tax_total: '36.95',
      total: '546.63',
      total_minor: 54663n,
    });
    expect(rows(operations, 'invoice_lines').map((line) => [line['tax_amount'], line['tax_status']])).toEqual(
      [
        ['7.95', 'Estimated'],
        ['14.50', 'Estimated'],
        ['14.50', 'Estimated'],
      ],
    );
    expect(rows(operations, 'invoice_taxes')).toEqual([
      expect.objectContaining({
        tax_status: 'Estimated',
        tax_code: 'SW',
        tax_rate: '0.0725',
        line_count: 3,
        taxable_amount: '509.68',
        tax_amount: '36.95',
      }),
    ]);
  });

  it('writes only the status when posting starts', () => {
    const event = recorded('InvoicePostingStarted');
    expect(rows(invoicesProjection.fold([event]), 'invoices')).toEqual([
      { invoice_id: invoice.invoiceId, status: 'PostingInProgress', last_position: event.position },
    ]);
  });

  it('writes the number, posted date, actual taxes and totals when posted', () => {
    const operations = invoicesProjection.fold([recorded('InvoicePosted')]);
    expect(rows(operations, 'invoices')[0]).toMatchObject({
      status: 'Posted',
      invoice_number: 'INV-1001',
      posted_date: '2026-03-02',
      total: '546.63',
    });
    expect(rows(operations, 'invoice_taxes')[0]).toMatchObject({ tax_status: 'Posted', tax_amount: '36.95' });
  });

  it('writes the failure of an invoice that failed before its lines were recorded', () => {
    const [failed] = new RecordedLog().recordAll(
      'invoice-inv-9',
      invoiceFailedWhilePending('inv-9', 'run-1'),
    );
    expect(failed).toBeDefined();
    expect(invoicesProjection.fold(failed ? [failed] : [])).toEqual([
      {
        kind: 'upsert',
        table: 'invoices',
        key: ['invoice_id'],
        onlyWhenGreater: 'last_position',
        rows: [
          {
            invoice_id: 'inv-9',
            run_id: 'run-1',
            grouping_key: 'schedule=bs-9',
            status: 'Error',
            failure_category: 'TaxCalculation',
            failure_code: 'TAX.RATE_NOT_FOUND',
            failure_message: 'No rate for tax code SW in FR on 2026-03-01',
            last_position: 10n,
          },
        ],
      },
    ]);
  });

  it('writes the status and reason when canceled', () => {
    const events = new RecordedLog().recordAll('invoice-x', canceledInvoiceHistory(invoice));
    const canceled = events.find((event) => event.type === 'InvoiceCanceled');
    expect(canceled).toBeDefined();
    expect(rows(invoicesProjection.fold(canceled ? [canceled] : []), 'invoices')).toEqual([
      {
        invoice_id: invoice.invoiceId,
        status: 'Canceled',
        cancel_reason: 'Recovery run recovery-1',
        last_position: canceled?.position,
      },
    ]);
  });
});
