import { categoryOf, idOf, StreamCategory, streamName } from './stream-name';

describe('stream names', () => {
  it('are the camelCase category, a dash and the id', () => {
    expect(streamName(StreamCategory.BillingSchedule, 'bs-1')).toBe('billingSchedule-bs-1');
    expect(streamName(StreamCategory.InvoiceBatchScheduler, 'nightly')).toBe('invoiceBatchScheduler-nightly');
  });

  it('split at the first dash, so an id may contain dashes', () => {
    const name = streamName(StreamCategory.Invoice, '5b0b4a52-5d55-4f0e-9a8f-3c0f6f8a1d27');
    expect(categoryOf(name)).toBe('invoice');
    expect(idOf(name)).toBe('5b0b4a52-5d55-4f0e-9a8f-3c0f6f8a1d27');
  });

  it('refuse an empty id', () => {
    expect(() => streamName(StreamCategory.InvoiceBatchRun, '')).toThrow(/needs an id/);
  });
});
