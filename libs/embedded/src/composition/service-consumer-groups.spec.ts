import { describe, expect, it } from '@jest/globals';
import { Topics } from '@invoice-engine/contracts';
import { assertEveryHandlerHasAGroup, EMBEDDED_SERVICE_GROUPS } from './service-consumer-groups';

describe('the embedded consumer groups', () => {
  it('give every pipeline topic a service consumes to exactly one group', () => {
    const topics = Object.values(EMBEDDED_SERVICE_GROUPS).flat();
    expect(new Set(topics).size).toBe(topics.length);
    expect([...topics].sort()).toEqual(
      [
        Topics.InvoiceBatchRuns,
        Topics.GroupWork,
        Topics.TaxRequests,
        Topics.TaxResults,
        Topics.GroupResults,
      ].sort(),
    );
  });

  it('refuse a handler whose topic no group consumes', () => {
    expect(() => assertEveryHandlerHasAGroup([Topics.GroupWork, Topics.BillingScheduleEvents])).toThrow(
      'No embedded service group consumes billing.schedule-events',
    );
    expect(() => assertEveryHandlerHasAGroup([Topics.GroupWork, Topics.TaxRequests])).not.toThrow();
  });
});
