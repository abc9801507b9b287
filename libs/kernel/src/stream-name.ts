/** Stream categories, camelCase; the first dash of a stream name separates category and id. */
export const StreamCategory = {
  InvoiceBatchRun: 'invoiceBatchRun',
  Invoice: 'invoice',
  BillingSchedule: 'billingSchedule',
  InvoiceBatchScheduler: 'invoiceBatchScheduler',
} as const;
export type StreamCategory = (typeof StreamCategory)[keyof typeof StreamCategory];

export type StreamName = string & { readonly __brand: 'StreamName' };

/** The only way to build a stream name: `<category>-<id>`. */
export function streamName(category: StreamCategory, id: string): StreamName {
  if (id.length === 0) throw new Error(`A ${category} stream needs an id`);
  return `${category}-${id}` as StreamName;
}

export function categoryOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash === -1 ? stream : stream.slice(0, dash);
}

export function idOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash === -1 ? '' : stream.slice(dash + 1);
}
