import { randomUUID } from 'node:crypto';
import { Topics, deadLetterTopic } from '@invoice-engine/contracts';
import { addMonths, calendarDate } from '@invoice-engine/kernel';
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
  type RunObservation,
  type RunPrediction,
} from '@invoice-engine/testing';
import {
  AS_OF,
  OTHER_PIPELINES_MS,
  freshSchedules,
  predictDataSetRun,
  seedDataSet,
} from './support/data-set';
import { runToEnd } from './support/pipeline-run';

/** A group whose tax fails, bad HTTP input, and a malformed Kafka message, on the running pipeline. */
let environment: PipelineEnvironment;

beforeAll(async () => {
  environment = await PipelineEnvironment.open({ label: 'e2e_failures' });
}, OTHER_PIPELINES_MS + 120_000);

afterAll(async () => {
  await environment?.close();
}, 60_000);

describe('a run in which one group carries a tax code without a rate', () => {
  const runId = randomUUID();
  let prediction: RunPrediction;
  let observation: RunObservation;

  beforeAll(async () => {
    const terms = await seedDataSet(environment, {
      seed: 99,
      schedules: 300,
      accounts: 30,
      idPrefix: 'bs',
      unratedAccounts: [4],
    });
    prediction = predictDataSetRun(runId, 'Draft', freshSchedules(terms));
    await environment.startServices();
    observation = await runToEnd(environment, runId, 'Draft');
  }, 300_000);

  it('fails that group alone: its invoice is Error with the tax failure', async () => {
    const failed = prediction.invoices.filter((invoice) => invoice.status === 'Error');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    const invoices = await environment.queries.invoices(runId);
    expect(invoiceViewsOf(invoices)).toEqual(predictedInvoiceViews(prediction));
    expect(
      invoices.filter((invoice) => invoice.status === 'Error').map((invoice) => invoice.failure_code),
    ).toEqual(failed.map(() => 'TAX.RATE_NOT_FOUND'));
  });

  it('marks the group\u2019s schedules Error and writes an error log for each, naming the group', async () => {
    const rows = await environment.queries.billingSchedules();
    expect(rows.map(scheduleViewOf)).toEqual([...prediction.schedulesAfter.values()].map(scheduleView));
    const logs = await environment.queries.errorLogs(runId);
    const scheduleLogs = logs.filter((log) => log.primary_record_type === 'BillingSchedule');
    expect(
      scheduleLogs.map((log) => ({
        category: log.category,
        errorCode: log.error_code,
        billingScheduleId: log.primary_record_id,
        groupingKey: log.grouping_key,
      })),
    ).toEqual(
      [...prediction.errorLogs].sort((left, right) =>
        left.billingScheduleId < right.billingScheduleId ? -1 : 1,
      ),
    );
    const failedInvoices = prediction.invoices.filter((invoice) => invoice.status === 'Error');
    expect(
      logs
        .filter((log) => log.primary_record_type === 'Invoice')
        .map((log) => log.primary_record_id)
        .sort(),
    ).toEqual(failedInvoices.map((invoice) => invoice.invoiceId).sort());
  });

  it('invoices the other groups', async () => {
    const failedIds = new Set(
      prediction.invoices.filter((invoice) => invoice.status === 'Error').map((invoice) => invoice.invoiceId),
    );
    expect(lineViewsOf(await environment.queries.invoiceLines(runId), failedIds)).toEqual(
      predictedLineViews(prediction),
    );
    expect(prediction.invoices.filter((invoice) => invoice.status === 'Draft').length).toBeGreaterThan(20);
  });

  it('ends the run Failed after every stage, with counts of what succeeded and what failed', async () => {
    expect(observation.run.status).toBe('Failed');
    expect(stageSequenceOf(await environment.queries.stages(runId))).toEqual(prediction.stages);
    expect(summaryViewOf(observation.run)).toEqual(predictedSummaryView(prediction));
    expect(observation.run.total_billing_schedules_failed).toBeGreaterThan(0);
  });
});

describe('bad HTTP input', () => {
  it('is refused with 400 and every problem listed', async () => {
    const answer = await environment.api.requestRun({
      targetDate: '2026-02-30',
      invoiceDate: 'tomorrow',
      invoiceStatus: 'Maybe' as 'Draft',
      criteria: { currencies: ['usd'], chargeTypes: [] },
    });
    expect(answer.status).toBe(400);
    const paths = (answer.body as { error: { problems: { path: string }[] } }).error.problems.map(
      (problem) => problem.path,
    );
    expect(new Set(paths)).toEqual(
      new Set(['targetDate', 'invoiceDate', 'invoiceStatus', 'criteria.currencies', 'criteria.chargeTypes']),
    );
  });

  it('refuses a target date beyond the limit with 422 TARGET_DATE_OUT_OF_RANGE and creates no run', async () => {
    const runId = randomUUID();
    const today = calendarDate(new Date().toISOString().slice(0, 10));
    const tooLate = addMonths(today, 13);
    const answer = await environment.api.requestRun({
      runId,
      targetDate: tooLate,
      invoiceDate: tooLate,
      invoiceStatus: 'Draft',
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error: { code: 'TARGET_DATE_OUT_OF_RANGE' } });
    expect(await environment.eventStore.readStream(`invoiceBatchRun-${runId}`)).toEqual([]);
  });

  it('refuses a caller without a token with 401', async () => {
    const answer = await environment.api.post(
      '/invoice-batch-runs',
      { targetDate: AS_OF, invoiceDate: AS_OF, invoiceStatus: 'Draft' },
      null,
    );
    expect(answer.status).toBe(401);
  });
});

describe('a malformed Kafka message', () => {
  it('goes to the dead-letter topic with the reason, and the consumer carries on', async () => {
    const { admin } = environment.harness;
    const groupId = environment.harness.groupIdOf('invoice-generation');
    const dlq = deadLetterTopic(Topics.GroupWork);
    const from = await admin.topicEnds([dlq]);
    const key = `malformed-${randomUUID()}`;
    await admin.publish(Topics.GroupWork, [
      { key, value: '{"messageId": 42, "type": "GroupWorkItem", "data": "not a work item"', headers: {} },
    ]);
    const letters = await admin.read(
      from,
      (messages) =>
        messages.some((message) => message.key === key && message.headers['dlq-consumer-group'] === groupId),
      60_000,
    );
    const letter = letters.find(
      (message) => message.key === key && message.headers['dlq-consumer-group'] === groupId,
    );
    expect(letter?.headers['dlq-original-topic']).toBe(Topics.GroupWork);
    expect(letter?.headers['dlq-reason']).toEqual(expect.stringMatching(/\S/));
    await environment.harness.waitUntilConsumed(30_000);
  });
});
