import { randomUUID } from 'node:crypto';
import type { BillingScheduleTerms } from '@invoice-engine/billing-schedules';
import { pipelineTopicSpecs } from '@invoice-engine/contracts';
import {
  invoiceViewsOf,
  lineViewsOf,
  PipelineEnvironment,
  predictedInvoiceViews,
  predictedLineViews,
  predictedSummaryView,
  predictedTaxViews,
  scheduleView,
  scheduleViewOf,
  stageSequenceOf,
  summaryViewOf,
  taxViewsOf,
  type RunObservation,
  type RunPrediction,
  type TopicOffsets,
} from '@invoice-engine/testing';
import { OTHER_PIPELINES_MS, freshSchedules, predictDataSetRun, seedDataSet } from './support/data-set';
import { runToEnd } from './support/pipeline-run';

/**
 * The whole pipeline, each service its own process, on the real broker and PostgreSQL: one Posted run
 * over 2,000 schedules compared with what the pure domain libraries say it must produce, a second run
 * with the same target date, and a replay of every topic from this test's first offset.
 */
let environment: PipelineEnvironment;
let terms: BillingScheduleTerms[];
let firstOffsets: TopicOffsets;

async function expectReadModelsToMatch(prediction: RunPrediction): Promise<void> {
  const { queries } = environment;
  const runId = prediction.runId;
  expect(invoiceViewsOf(await queries.invoices(runId))).toEqual(predictedInvoiceViews(prediction));
  expect(lineViewsOf(await queries.invoiceLines(runId))).toEqual(predictedLineViews(prediction));
  const rows = await queries.billingSchedules();
  expect(rows.map(scheduleViewOf)).toEqual([...prediction.schedulesAfter.values()].map(scheduleView));
  const run = await queries.run(runId);
  expect(run && summaryViewOf(run)).toEqual(predictedSummaryView(prediction));
  expect(stageSequenceOf(await queries.stages(runId))).toEqual(prediction.stages);
}

beforeAll(async () => {
  environment = await PipelineEnvironment.open({
    label: 'e2e_whole_run',
    environment: {
      filtering: { FILTERING_PROGRESS_EVERY: '500' },
      summarization: { SUMMARIZATION_CHECKPOINT_EVERY: '25' },
    },
  });
  terms = await seedDataSet(environment, { seed: 20260630, schedules: 2000, accounts: 200, idPrefix: 'bs' });
  const harness = await environment.startServices();
  firstOffsets = await harness.admin.topicEnds(pipelineTopicSpecs().map((spec) => spec.topic));
}, OTHER_PIPELINES_MS + 240_000);

afterAll(async () => {
  await environment?.close();
}, 60_000);

describe('a Posted run over 2,000 billing schedules of 200 accounts', () => {
  const runId = randomUUID();
  let prediction: RunPrediction;
  let observation: RunObservation;

  beforeAll(async () => {
    prediction = predictDataSetRun(runId, 'Posted', freshSchedules(terms));
    observation = await runToEnd(environment, runId, 'Posted');
  }, 240_000);

  it('is a data set with every case of the issue in it', () => {
    const { summary } = prediction;
    expect(summary.totalFilteredBillingSchedules).toBeGreaterThan(1500);
    expect(Object.keys(summary.totalsByCurrency)).toEqual(['EUR', 'JPY', 'USD']);
    for (const reason of ['InvoicingDisabled', 'NotActivated', 'OnHold', 'NotDue'] as const) {
      expect(summary.excludedByReason[reason]).toBeGreaterThan(0);
    }
  });

  it('passes through the status subtypes of DOMAIN.md section 4, in order, and completes', async () => {
    expect(stageSequenceOf(await environment.queries.stages(runId))).toEqual([
      'BillingSchedulesFilteringStarted',
      'BillingSchedulesFilteringInProgress',
      'BillingSchedulesFilteringCompleted',
      'InvoiceGenerationStarted',
      'InvoiceGenerationInProgress',
      'InvoiceGenerationCompleted',
      'InvoiceGenerationSummarizationInProgress',
      'Completed',
    ]);
    expect(observation.run.status).toBe('Completed');
  });

  it('writes exactly the invoices the domain rules give: one per grouping key, Posted, with due dates and totals', async () => {
    const invoices = await environment.queries.invoices(runId);
    expect(invoiceViewsOf(invoices)).toEqual(predictedInvoiceViews(prediction));
    expect(invoices.every((invoice) => invoice.status === 'Posted' && invoice.posted_date !== null)).toBe(
      true,
    );
  });

  it('numbers the posted invoices uniquely per legal entity', async () => {
    const invoices = await environment.queries.invoices(runId);
    const numbers = invoices.map((invoice) => `${invoice.legal_entity_id}/${invoice.invoice_number}`);
    expect(invoices.every((invoice) => /^\d+$/.test(invoice.invoice_number ?? ''))).toBe(true);
    expect(new Set(numbers).size).toBe(invoices.length);
  });

  it('writes every line with its period, amount and actual tax', async () => {
    const lines = await environment.queries.invoiceLines(runId);
    expect(lineViewsOf(lines)).toEqual(predictedLineViews(prediction));
    expect(new Set(lines.map((line) => line.tax_status))).toEqual(new Set(['Posted']));
  });

  it('sums the actual line taxes per invoice, tax code and rate', async () => {
    const taxes = await environment.queries.invoiceTaxes(runId);
    expect(taxViewsOf(taxes, 'Posted')).toEqual(predictedTaxViews(prediction));
    expect(taxViewsOf(taxes, 'Estimated')).toEqual(predictedTaxViews(prediction));
  });

  it('advances every schedule as the billing schedule decider does', async () => {
    const rows = await environment.queries.billingSchedules();
    expect(rows.map(scheduleViewOf)).toEqual([...prediction.schedulesAfter.values()].map(scheduleView));
  });

  it('records the counts by exclusion reason and the summary the domain rules give', () => {
    expect(summaryViewOf(observation.run)).toEqual(predictedSummaryView(prediction));
    expect(observation.run.billing_schedules_scanned).toBe(prediction.billingSchedulesScanned);
    expect(observation.run.groups_expected).toBe(prediction.invoices.length);
  });

  it('lets a reader see invoices of early groups before the run completes', () => {
    expect(observation.invoiceReadableBeforeRunEnded).toBe(true);
  });

  describe('then a second run with the same target date', () => {
    const secondRunId = randomUUID();
    let second: RunPrediction;

    beforeAll(async () => {
      second = predictDataSetRun(secondRunId, 'Posted', prediction.schedulesAfter.values());
      await runToEnd(environment, secondRunId, 'Posted');
    }, 240_000);

    it('invoices nothing new and completes with every schedule excluded by its reason', async () => {
      expect(second.invoices).toEqual([]);
      expect(await environment.queries.invoiceCount(secondRunId)).toBe(0);
      await expectReadModelsToMatch(second);
    });

    it('leaves every (schedule, period) invoiced exactly once', async () => {
      const periods = await environment.queries.invoicedPeriods();
      const keys = periods.map((period) => `${period.billing_schedule_id}@${period.period_start}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBe(prediction.invoices.reduce((sum, invoice) => sum + invoice.lines.length, 0));
    });
  });

  describe('then every topic replayed from this test\u2019s first offset to fresh consumers', () => {
    let before: { events: number; lastPosition: bigint };

    beforeAll(async () => {
      const harness = environment.harness;
      await harness.waitUntilConsumed(60_000);
      before = await environment.queries.eventStoreTotals();
      const consumers = ['filtering', 'invoice-generation', 'tax', 'summarization'] as const;
      await Promise.all(consumers.map((service) => harness.service(service).stop()));
      await harness.placeGroupsAtEnd(firstOffsets);
      await Promise.all(consumers.map((service) => harness.service(service).start()));
      await harness.waitUntilConsumed(180_000);
    }, 300_000);

    it('appends no event and writes no invoice again', async () => {
      expect(await environment.queries.eventStoreTotals()).toEqual(before);
      await expectReadModelsToMatch(prediction);
    });
  });
});
