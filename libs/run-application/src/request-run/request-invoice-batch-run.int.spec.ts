import {
  InvoiceBatchRunRequested,
  Topics,
  messageTypeRegistry,
  parseMessage,
} from '@invoice-engine/contracts';
import { ANY_RUN_CRITERIA } from '@invoice-engine/scheduling';
import { calendarDate, currencyCode, DomainError, instant } from '@invoice-engine/kernel';
import { SettableClock } from '@invoice-engine/runtime';
import { invoiceBatchRunStream } from '../streams/invoice-batch-run-stream';
import {
  openPipelineTestDatabase,
  type PipelineTestDatabase,
} from '../test-support/pipeline-test-database.fixture';
import { RecordingPublisher } from '../test-support/recording-publisher.fixture';
import { RequestInvoiceBatchRun, type RunRequestInput } from './request-invoice-batch-run';

let database: PipelineTestDatabase;
beforeAll(async () => {
  database = await openPipelineTestDatabase('request_run');
});
afterAll(async () => {
  await database.close();
});

const org = { defaultCurrency: currencyCode('USD'), maxTargetDateOffsetMonths: 12 };
let sequence = 0;

function requestFor(overrides: Partial<RunRequestInput> = {}): RunRequestInput {
  return {
    runId: null,
    criteria: ANY_RUN_CRITERIA,
    targetDate: calendarDate('2026-03-01'),
    invoiceDate: calendarDate('2026-03-01'),
    invoiceStatus: 'Draft',
    billingPeriodCount: null,
    trigger: { type: 'AdHoc', requestedBy: 'operator-1' },
    ...overrides,
  };
}

function setUp(today = '2026-01-31T09:00:00.000Z') {
  const publisher = new RecordingPublisher();
  const clock = new SettableClock(instant(today));
  const handler = new RequestInvoiceBatchRun(database.eventStore, publisher, clock, org, () => {
    sequence += 1;
    return `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
  });
  return { publisher, clock, handler };
}

describe('requesting an invoice batch run', () => {
  it('records InvoiceBatchRunRequested on a new run stream and announces it keyed by run id', async () => {
    const { publisher, handler } = setUp();
    const { runId } = await handler.handle(requestFor());

    const events = await database.eventStore.readStream(invoiceBatchRunStream(runId));
    expect(events.map((event) => event.type)).toEqual(['InvoiceBatchRunRequested']);
    expect(events[0]?.data).toMatchObject({
      runId,
      defaultCurrency: 'USD',
      requestedAt: '2026-01-31T09:00:00.000Z',
    });
    expect(publisher.on(Topics.InvoiceBatchRuns).map((message) => message.key)).toEqual([runId]);
    const parsed = parseMessage(
      messageTypeRegistry([InvoiceBatchRunRequested]),
      JSON.stringify(publisher.published[0]?.envelope),
    );
    expect(parsed.ok).toBe(true);
  });

  describe('when the target date is later than today + the org limit', () => {
    it('refuses with TARGET_DATE_OUT_OF_RANGE and writes and publishes nothing', async () => {
      const { publisher, handler } = setUp('2026-01-31T09:00:00.000Z');
      const runId = '5d0c7a0e-0000-4000-8000-000000000001';
      // 2026-01-31 + 12 months = 2027-01-31; one day later is refused.
      const refused = handler.handle(requestFor({ runId, targetDate: calendarDate('2027-02-01') }));
      await expect(refused).rejects.toThrow(DomainError);
      await expect(refused).rejects.toMatchObject({ code: 'TARGET_DATE_OUT_OF_RANGE', kind: 'validation' });
      expect(await database.eventStore.readStream(invoiceBatchRunStream(runId))).toHaveLength(0);
      expect(publisher.published).toHaveLength(0);
    });

    it('accepts the last day of the limit', async () => {
      const { handler } = setUp('2026-01-31T09:00:00.000Z');
      await expect(
        handler.handle(requestFor({ targetDate: calendarDate('2027-01-31') })),
      ).resolves.toHaveProperty('runId');
    });
  });

  describe('when the same run is requested again', () => {
    it('records nothing new and announces it with the same message id', async () => {
      const { publisher, clock, handler } = setUp();
      const runId = '5d0c7a0e-0000-4000-8000-000000000002';
      await handler.handle(requestFor({ runId }));
      clock.set(instant('2026-01-31T09:05:00.000Z'));
      await handler.handle(requestFor({ runId }));

      expect(await database.eventStore.readStream(invoiceBatchRunStream(runId))).toHaveLength(1);
      const ids = publisher.on(Topics.InvoiceBatchRuns).map((message) => message.envelope.messageId);
      expect(ids).toHaveLength(2);
      expect(new Set(ids).size).toBe(1);
    });

    it('is a conflict when the parameters differ', async () => {
      const { handler } = setUp();
      const runId = '5d0c7a0e-0000-4000-8000-000000000003';
      await handler.handle(requestFor({ runId }));
      await expect(
        handler.handle(requestFor({ runId, invoiceDate: calendarDate('2026-03-05') })),
      ).rejects.toMatchObject({ code: 'INVOICE_BATCH_RUN.ALREADY_REQUESTED', kind: 'conflict' });
    });
  });
});
