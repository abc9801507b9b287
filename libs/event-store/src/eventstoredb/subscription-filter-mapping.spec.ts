import { START } from '@eventstore/db-client';
import { describe, expect, it } from '@jest/globals';
import { matchesFilter, toClientFilter, toClientStart } from './subscription-filter-mapping';

describe('a subscription filter', () => {
  it('filters on stream-name prefixes on the server when categories are given', () => {
    expect(
      toClientFilter({ streamCategories: ['invoice', 'billingSchedule'], eventTypes: ['InvoicePosted'] }),
    ).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['invoice-', 'billingSchedule-'],
    });
  });

  it('filters on exact event types with an anchored, escaped regex when only types are given', () => {
    const filter = toClientFilter({ eventTypes: ['InvoicePosted', 'Odd.Type'] });

    expect(filter).toMatchObject({ filterOn: 'eventType', regex: '^(?:InvoicePosted|Odd\\.Type)$' });
  });

  it('excludes system events when nothing is asked for', () => {
    expect(toClientFilter()).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
  });

  it('applies categories and types exactly on the client, the first dash separating the category', () => {
    const filter = { streamCategories: ['invoice'], eventTypes: ['InvoicePosted'] };

    expect(matchesFilter({ streamId: 'invoice-a-b', type: 'InvoicePosted' }, filter)).toBe(true);
    expect(matchesFilter({ streamId: 'invoiceBatchRun-1', type: 'InvoicePosted' }, filter)).toBe(false);
    expect(matchesFilter({ streamId: 'invoice-1', type: 'InvoicePostedLater' }, filter)).toBe(false);
    expect(matchesFilter({ streamId: '$ce-invoice', type: '$>' }, {})).toBe(false);
    expect(matchesFilter({ streamId: 'invoice-1', type: 'InvoicePosted' }, { eventTypes: [] })).toBe(false);
  });
});

describe('a subscription start', () => {
  it('is the start of $all, or a checkpoint used as both commit and prepare position', () => {
    expect(toClientStart('start')).toBe(START);
    expect(toClientStart({ after: 981n })).toEqual({ commit: 981n, prepare: 981n });
  });
});
