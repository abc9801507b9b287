import { summaryOutput, type EmbeddedBatchRunResult, type EmbeddedInvoice } from '@invoice-engine/embedded';
import { EXCLUSION_REASONS } from '@invoice-engine/invoice-batch-runs';
import type { DemoOptions } from './demo-options';

/** Left column padded, right column right-aligned: a two-column table. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows.reduce<number[]>(
    (max, row) => row.map((cell, index) => Math.max(max[index] ?? 0, cell.length)),
    [],
  );
  return rows.map(
    (row) =>
      '  ' +
      row
        .map((cell, index) =>
          index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0),
        )
        .join('   ')
        .trimEnd(),
  );
}

/** The demo org's default currency. */
export const DEMO_CURRENCY = 'USD';

const count = (value: number) => value.toLocaleString('en-US');

function summaryLines(result: EmbeddedBatchRunResult): string[] {
  const summary = summaryOutput(result.run.summary);
  const currencies = Object.keys(summary.totalsByCurrency);
  // DOMAIN.md section 6: the single totals are null unless every invoice is in the default currency.
  const single = (amount: string | null) =>
    amount ??
    (currencies.length > 1 ? `n/a: ${currencies.length} currencies` : `n/a: not in ${DEMO_CURRENCY}`);
  return [
    'Summary',
    ...table([
      ['Filtered billing schedules (due and eligible)', count(summary.totalFilteredBillingSchedules)],
      ['Billing schedules processed', count(summary.totalBillingSchedulesProcessed)],
      ['Billing schedules failed', count(summary.totalBillingSchedulesFailed)],
      ['Invoices generated', count(summary.totalInvoicesGenerated)],
      ['Invoices processed', count(summary.totalInvoicesProcessed)],
      ['Invoices failed', count(summary.totalInvoicesFailed)],
      ['Draft invoices', count(summary.totalDraftInvoices)],
      ['Posted invoices', count(summary.totalPostedInvoices)],
      ['Total invoiced amount, tax included', single(summary.totalInvoicedAmount)],
      ['Total draft invoice amount', single(summary.totalDraftInvoiceAmount)],
    ]),
    '',
    'Totals by currency (tax included)',
    ...table([
      ['Currency', 'Invoiced', 'Draft'],
      ...Object.entries(summary.totalsByCurrency).map(([currency, totals]) => [
        currency,
        totals.invoiced,
        totals.draft,
      ]),
    ]),
    '',
    'Excluded by reason',
    ...table(EXCLUSION_REASONS.map((reason) => [reason, count(summary.excludedByReason[reason])])),
  ];
}

function invoiceLines(invoice: EmbeddedInvoice): string[] {
  const shown = invoice.lines.slice(0, 8);
  return [
    'Sample invoice (the first of the run by grouping key)',
    `  ${invoice.status} invoice for ${invoice.billingAccountId ?? '?'} in ${invoice.currency ?? '?'}, ` +
      `dated ${invoice.invoiceDate ?? '?'}, due ${invoice.dueDate ?? '?'}`,
    `  grouping key ${invoice.groupingKey}${invoice.chunkIndex > 0 ? ` (chunk ${invoice.chunkIndex})` : ''}`,
    ...table([
      ['Schedule', 'Period', 'Qty', 'Unit price', 'Charge', 'Tax'],
      ...shown.map((line) => [
        line.billingScheduleId,
        `${line.periodStart} .. ${line.periodEnd}`,
        line.quantity,
        line.unitPrice,
        line.chargeAmount,
        line.taxAmount ?? '-',
      ]),
    ]),
    ...(invoice.lines.length > shown.length
      ? [`  ... and ${invoice.lines.length - shown.length} more lines`]
      : []),
    `  Subtotal ${invoice.subtotal ?? '-'}   Tax ${invoice.taxTotal ?? '-'}   Total ${invoice.total ?? '-'}`,
  ];
}

const DISTRIBUTED = [
  'The same services, distributed (Kafka, PostgreSQL, one process per service):',
  '  bash tools/postgres ensure && bash tools/kafka start',
  '  then start apps/projector, filtering, invoice-generation, tax, summarization and scheduling',
  '  (README.md, "The distributed mode"; docs/embedded-mode.md compares the two modes).',
  'Try a configuration of your own: npm run scenario -- examples/scenarios/01-worked-example-1-monthly-advance-stub.json',
];

/** What `npm start` prints after the run. */
export function demoReport(result: EmbeddedBatchRunResult, options: DemoOptions, seconds: number): string {
  const { run } = result;
  const sample = result.invoices.find((invoice) => invoice.status !== 'Error') ?? result.invoices[0];
  const lines = [
    '',
    `Invoice batch run ${run.runId}: ${run.status}`,
    `  ${count(options.schedules)} demo schedules over ${count(options.accounts)} accounts (seed ${options.seed}), ` +
      `target date ${options.targetDate}, ${options.invoiceStatus} invoices, ${seconds.toFixed(1)} s`,
    `  stages: ${run.stages.join(' > ')}`,
    '',
    ...summaryLines(result),
    '',
    ...(sample === undefined ? ['No invoice: nothing was due.'] : invoiceLines(sample)),
    ...(result.errors.length === 0
      ? []
      : [
          '',
          `Error logs: ${result.errors.length} (first: ${result.errors[0]?.code ?? ''} ${result.errors[0]?.message ?? ''})`,
        ]),
    '',
    ...DISTRIBUTED,
    '',
  ];
  return lines.join('\n');
}
