import { randomUUID } from 'node:crypto';
import {
  invoiceViewsOf,
  lineViewsOf,
  PipelineEnvironment,
  predictedInvoiceViews,
  predictedLineViews,
  predictedSummaryView,
  scheduleView,
  scheduleViewOf,
  stageSequenceOf,
  summaryViewOf,
  waitFor,
  type RunObservation,
  type RunPrediction,
} from '@invoice-engine/testing';
import { OTHER_PIPELINES_MS, freshSchedules, predictDataSetRun, seedDataSet } from './support/data-set';
import { observeRunToItsEnd, requestRun } from './support/pipeline-run';

/**
 * Invoice generation is killed with SIGKILL in the middle of a run (no graceful shutdown, no offset
 * commit, its consumer group member left to expire) and started again: the run still completes, and
 * every (schedule, period) is invoiced exactly once.
 */
let environment: PipelineEnvironment;
const runId = randomUUID();
let prediction: RunPrediction;
let observation: RunObservation;
let draftsStartedAtKill: number;

beforeAll(async () => {
  environment = await PipelineEnvironment.open({ label: 'e2e_crash' });
  const terms = await seedDataSet(environment, { seed: 7, schedules: 1200, accounts: 120, idPrefix: 'bs' });
  prediction = predictDataSetRun(runId, 'Draft', freshSchedules(terms));
  const harness = await environment.startServices();
  const startedAt = Date.now();
  await requestRun(environment, runId, 'Draft');
  draftsStartedAtKill = await waitFor(
    'invoice generation to be under way',
    async () => {
      const started = (await environment.queries.eventsByType())['InvoiceDraftingStarted'] ?? 0;
      return started >= 10 ? started : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 50 },
  );
  await harness.kill('invoice-generation');
  await harness.service('invoice-generation').start();
  observation = await observeRunToItsEnd(environment, runId, { timeoutMs: 240_000, startedAt });
}, OTHER_PIPELINES_MS + 420_000);

afterAll(async () => {
  await environment?.close();
}, 60_000);

describe('when invoice generation is killed mid-run and started again', () => {
  it('was killed while groups were still waiting for their invoices', () => {
    expect(draftsStartedAtKill).toBeGreaterThanOrEqual(10);
    expect(draftsStartedAtKill).toBeLessThan(prediction.invoices.length);
  });

  it('completes the run through every stage', async () => {
    expect(observation.run.status).toBe('Completed');
    expect(stageSequenceOf(await environment.queries.stages(runId))).toEqual(prediction.stages);
  });

  it('invoices every (schedule, period) exactly once', async () => {
    const periods = await environment.queries.invoicedPeriods();
    const keys = periods.map((period) => `${period.billing_schedule_id}@${period.period_start}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(lineViewsOf(await environment.queries.invoiceLines(runId))).toEqual(
      predictedLineViews(prediction),
    );
  });

  it('writes each invoice and each schedule update once in the event store', async () => {
    const byType = await environment.queries.eventsByType();
    const dueSchedules = prediction.invoices.reduce(
      (sum, invoice) => sum + invoice.billingScheduleIds.length,
      0,
    );
    expect(byType['InvoiceDraftingStarted']).toBe(prediction.invoices.length);
    expect(byType['InvoiceDrafted']).toBe(prediction.invoices.length);
    expect(byType['BillingScheduleInvoiced']).toBe(dueSchedules);
  });

  it('ends with the invoices, schedules and summary the domain rules give', async () => {
    expect(invoiceViewsOf(await environment.queries.invoices(runId))).toEqual(
      predictedInvoiceViews(prediction),
    );
    const rows = await environment.queries.billingSchedules();
    expect(rows.map(scheduleViewOf)).toEqual([...prediction.schedulesAfter.values()].map(scheduleView));
    expect(summaryViewOf(observation.run)).toEqual(predictedSummaryView(prediction));
  });
});
