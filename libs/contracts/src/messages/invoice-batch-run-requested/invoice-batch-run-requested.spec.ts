import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageTypeRegistry } from '../../envelope/message-type-registry';
import { parseMessage } from '../../envelope/parse-message';
import { edited, readExample, REMOVED } from '../../example-payloads';
import { InvoiceBatchRunRequested } from './invoice-batch-run-requested';
import { BillNow, SchedulerFired } from './run-trigger';

const examplePath = join(__dirname, 'invoice-batch-run-requested.example.json');
const registry = messageTypeRegistry([InvoiceBatchRunRequested]);

function problemsOf(changes: Record<string, unknown>): string[] {
  const result = parseMessage(registry, JSON.stringify(edited(readExample(examplePath), changes)));
  if (result.ok) throw new Error('expected the message to be rejected');
  return result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

describe('InvoiceBatchRunRequested', () => {
  it('parses its example payload, keyed by run id', () => {
    const result = parseMessage(registry, readFileSync(examplePath));
    if (!result.ok) throw new Error(result.reason);
    const { data } = result.message;
    expect(data.criteria.billingBatches).toEqual(['Batch-A', null]);
    expect(data.trigger).toBeInstanceOf(SchedulerFired);
    expect(InvoiceBatchRunRequested.keyOf(data)).toBe('3f2b8c1e-9a7d-5e4f-8b6a-1c2d3e4f5a6b');
  });

  it('reads a Bill Now trigger as its own shape', () => {
    const billNow = edited(readExample(examplePath), {
      'data.trigger': { type: 'BillNow', billedRecord: { type: 'BillingAccount', id: 'acct-0001' } },
    });
    const result = parseMessage(registry, JSON.stringify(billNow));
    if (!result.ok) throw new Error(result.reason);
    expect(result.message.data.trigger).toBeInstanceOf(BillNow);
  });

  describe('when the request is malformed in many places', () => {
    it('lists every problem with its path', () => {
      expect(
        problemsOf({
          'data.invoiceStatus': 'Final',
          'data.targetDate': '2026-02-30',
          'data.invoiceDate': '01/03/2026',
          'data.billingPeriodCount': 13,
          'data.defaultCurrency': 'XYZ',
          'data.criteria.currencies': [],
          'data.criteria.chargeTypes': ['Recurring', 'Subscription'],
          'data.criteria.billingBatches': ['', null],
          'data.requestedAt': '2026-03-01T06:00:00+01:00',
        }).sort(),
      ).toEqual([
        'data.billingPeriodCount: must not be greater than 12',
        'data.criteria.billingBatches: each billing batch must be a non-blank label of at most 255 characters, or null for "no batch"',
        'data.criteria.chargeTypes: each value in chargeTypes must be one of the following values: OneTime, Recurring, Usage',
        'data.criteria.currencies: should not be empty',
        'data.defaultCurrency: must be an ISO 4217 currency code such as USD',
        'data.invoiceDate: must be a calendar date YYYY-MM-DD',
        'data.invoiceStatus: must be one of the following values: Draft, Posted',
        'data.requestedAt: must be an ISO-8601 UTC instant such as 2026-11-26T08:35:16.000Z',
        'data.targetDate: must be a calendar date YYYY-MM-DD',
      ]);
    });
  });

  it('names a missing nested criterion and a criterion left out instead of null', () => {
    expect(
      problemsOf({ 'data.criteria.legalEntityIds': REMOVED, 'data.trigger.schedulerId': REMOVED }),
    ).toEqual(['data.criteria.legalEntityIds: is missing', 'data.trigger.schedulerId: is missing']);
  });

  it('rejects an unknown trigger type', () => {
    expect(problemsOf({ 'data.trigger': { type: 'Cron' } })).toEqual([
      'data.trigger.type: must be one of the following values: Scheduler, RunNow, BillNow, AdHoc',
    ]);
  });

  it('rejects a billing period count sent as a string', () => {
    expect(problemsOf({ 'data.billingPeriodCount': '3' })).toContain(
      'data.billingPeriodCount: must be an integer number',
    );
  });
});
