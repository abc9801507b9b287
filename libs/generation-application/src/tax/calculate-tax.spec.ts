import { describe, expect, it } from '@jest/globals';
import type {
  TaxCalculatedData,
  TaxCalculationFailedData,
  TaxRequestedData,
} from '@invoice-engine/contracts';
import { instant, type EventEnvelope } from '@invoice-engine/kernel';
import { TransientError } from '@invoice-engine/messaging';
import { SettableClock } from '@invoice-engine/runtime';
import { taxFailed, TaxFailureCode, type TaxEngine } from '@invoice-engine/tax';
import { californiaRates } from '../test-support/generation.fixture';
import { RecordingPublisher } from '../test-support/recording-publisher.fixture';
import { CalculateTax, taxResultMessageId, type TaxRequestedMessage } from './calculate-tax';

function taxRequested(overrides: Partial<TaxRequestedData> = {}): TaxRequestedMessage {
  return {
    messageId: '4d5e6f7a-8b9c-5d0e-9f1a-2b3c4d5e6f7a',
    type: 'TaxRequested',
    schemaVersion: 1,
    data: {
      runId: 'run-1',
      groupingKey: 'account=acct-1|currency=USD',
      invoiceId: 'invoice-1',
      taxEngineId: 'builtin',
      mode: 'Estimate',
      invoiceDate: '2026-03-01',
      currency: 'USD',
      billToAddress: { country: 'US', region: 'CA' },
      lines: [
        { lineId: 'line-1', taxCode: 'SW-STD', chargeAmount: '109.68' },
        { lineId: 'line-2', taxCode: 'SW-STD', chargeAmount: '200.00' },
        { lineId: 'line-3', taxCode: 'SW-STD', chargeAmount: '200.00' },
      ],
      ...overrides,
    },
    metadata: {
      correlationId: 'run-1',
      causationId: 'drafting-started',
      groupingKey: 'account=acct-1|currency=USD',
      runId: 'run-1',
      occurredAt: instant('2026-03-01T06:00:03.004Z'),
      producer: 'invoice-generation',
    },
  };
}

function service(engine: TaxEngine = californiaRates()) {
  const publisher = new RecordingPublisher();
  const calculate = new CalculateTax(
    engine,
    publisher,
    new SettableClock(instant('2026-03-01T06:00:03.250Z')),
  );
  return { publisher, calculate };
}

describe('the tax service answering a tax request', () => {
  describe('when the engine taxes every line (worked example 1, estimate)', () => {
    it('publishes TaxCalculated on tax.results keyed by grouping key, with an id from the request id', async () => {
      const { publisher, calculate } = service();
      const request = taxRequested();
      await calculate.handle(request);

      const [published] = publisher.published;
      expect(published).toMatchObject({ topic: 'tax.results', key: 'account=acct-1|currency=USD' });
      const result = published?.envelope as EventEnvelope<string, TaxCalculatedData>;
      expect(result.messageId).toBe(taxResultMessageId(request.messageId, 'TaxCalculated'));
      expect(result.metadata).toMatchObject({ causationId: request.messageId, producer: 'tax' });
      expect(
        result.data.lines.map((line) => [line.lineId, line.rate, line.taxAmount, line.taxStatus]),
      ).toEqual([
        ['line-1', '0.0725', '7.95', 'Estimated'],
        ['line-2', '0.0725', '14.50', 'Estimated'],
        ['line-3', '0.0725', '14.50', 'Estimated'],
      ]);
    });

    it('commits actual tax for posting (tax status Posted), and answers a redelivery identically', async () => {
      const { publisher, calculate } = service();
      const request = taxRequested({ mode: 'CalculateAndCommit' });
      await calculate.handle(request);
      await calculate.handle(request);

      const [first, second] = publisher.ofType<TaxCalculatedData>('TaxCalculated');
      expect(second).toEqual(first);
      expect(first?.data.mode).toBe('CalculateAndCommit');
      expect(first?.data.lines.map((line) => line.taxStatus)).toEqual(['Posted', 'Posted', 'Posted']);
    });
  });

  describe('when the engine has no rate (a final failure)', () => {
    it('publishes TaxCalculationFailed with the code, not retryable', async () => {
      const { publisher, calculate } = service();
      await calculate.handle(taxRequested({ billToAddress: { country: 'FR', region: null } }));

      const failed = publisher.only<TaxCalculationFailedData>('TaxCalculationFailed');
      expect(failed.data).toMatchObject({
        code: 'TAX.RATE_NOT_FOUND',
        retryable: false,
        invoiceId: 'invoice-1',
      });
    });
  });

  describe('when the engine is unavailable for now', () => {
    it('throws a TransientError so the consumer retries without committing, and publishes nothing', async () => {
      const down: TaxEngine = {
        estimate: () =>
          Promise.resolve(taxFailed(TaxFailureCode.EngineTimeout, 'no answer in 2000 ms', true)),
        calculateAndCommit: () =>
          Promise.resolve(taxFailed(TaxFailureCode.EngineUnavailable, 'HTTP 503', true)),
      };
      const { publisher, calculate } = service(down);

      await expect(calculate.handle(taxRequested())).rejects.toThrow(TransientError);
      await expect(calculate.handle(taxRequested())).rejects.toThrow(/TAX\.ENGINE_TIMEOUT/);
      expect(publisher.published).toEqual([]);
    });
  });
});

describe('the tax service answering a partition batch of requests', () => {
  it('answers each as it would alone, in order, with one publish for all of them', async () => {
    const alone = service();
    const together = service();
    let publishCalls = 0;
    const publish = together.publisher.publish.bind(together.publisher);
    together.publisher.publish = (topic, messages) => {
      publishCalls += 1;
      return publish(topic, messages);
    };
    const requests = [
      taxRequested(),
      { ...taxRequested({ invoiceId: 'invoice-2' }), messageId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b' },
    ];
    for (const request of requests) await alone.calculate.handle(request);

    const calculations = await together.calculate.handleMany(requests);

    expect(calculations.map((calculation) => calculation.outcome)).toEqual([
      'TaxCalculated',
      'TaxCalculated',
    ]);
    expect(publishCalls).toBe(1);
    expect(together.publisher.published).toEqual(alone.publisher.published);
  });

  it('publishes nothing when the engine cannot answer one of them for now', async () => {
    let calls = 0;
    const flaky: TaxEngine = {
      estimate: (request) =>
        (calls += 1) === 2
          ? Promise.resolve(taxFailed(TaxFailureCode.EngineTimeout, 'no answer in 2000 ms', true))
          : californiaRates().estimate(request),
      calculateAndCommit: (request) => californiaRates().calculateAndCommit(request),
    };
    const { publisher, calculate } = service(flaky);

    await expect(
      calculate.handleMany([taxRequested(), taxRequested({ invoiceId: 'invoice-2' })]),
    ).rejects.toThrow(TransientError);
    expect(publisher.published).toEqual([]);
  });
});
