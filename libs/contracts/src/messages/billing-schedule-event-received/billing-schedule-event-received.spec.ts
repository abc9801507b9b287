import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageTypeRegistry } from '../../envelope/message-type-registry';
import { parseMessage } from '../../envelope/parse-message';
import { edited, readExample, REMOVED } from '../../example-payloads';
import { ScheduleCreated, ScheduleSuspended } from './billing-schedule-changes';
import { BillingScheduleEventReceived } from './billing-schedule-event-received';

const examplePath = join(__dirname, 'billing-schedule-event-received.example.json');
const registry = messageTypeRegistry([BillingScheduleEventReceived]);

function parsed(changes: Record<string, unknown>) {
  return parseMessage(registry, JSON.stringify(edited(readExample(examplePath), changes)));
}

function problemsOf(changes: Record<string, unknown>): string[] {
  const result = parsed(changes);
  if (result.ok) throw new Error('expected the message to be rejected');
  return result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

const orderAmount = {
  'data.event.schedule.billingMethod': 'OrderAmount',
  'data.event.schedule.totalAmount': '1200.00',
  'data.event.schedule.endDate': '2026-12-31',
};

describe('BillingScheduleEventReceived', () => {
  it('parses its example payload (a created schedule), keyed by billing schedule id', () => {
    const result = parseMessage(registry, readFileSync(examplePath));
    if (!result.ok) throw new Error(result.reason);
    const { event } = result.message.data;
    expect(event).toBeInstanceOf(ScheduleCreated);
    if (event.kind !== 'Created') throw new Error(`parsed as ${event.kind}`);
    expect(event.schedule.unitPrice).toBe('100.00');
    expect(BillingScheduleEventReceived.keyOf(result.message.data)).toBe('bs-0001');
  });

  it.each([
    ['HoldChanged', { kind: 'HoldChanged', holdBilling: true }],
    ['Suspended', { kind: 'Suspended', suspension: { from: '2026-04-01', resumeOn: null } }],
    ['Resumed', { kind: 'Resumed', resumeOn: '2026-06-01' }],
    ['Cancelled', { kind: 'Cancelled', cancellationDate: '2026-09-01' }],
  ])('reads a %s event', (kind, event) => {
    const result = parsed({ 'data.event': event });
    if (!result.ok) throw new Error(result.reason);
    expect(result.message.data.event.kind).toBe(kind);
  });

  it('reads an amendment of an OrderAmount schedule with its full terms', () => {
    const example = readExample(examplePath);
    const amended = edited(example, { 'data.event.kind': 'Amended', ...orderAmount });
    const result = parseMessage(registry, JSON.stringify(amended));
    if (!result.ok) throw new Error(result.reason);
    expect(result.message.data.event.kind).toBe('Amended');
  });

  it('keeps the suspension window as its own class', () => {
    const result = parsed({
      'data.event': { kind: 'Suspended', suspension: { from: '2026-04-01', resumeOn: '2026-05-01' } },
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.message.data.event).toBeInstanceOf(ScheduleSuspended);
  });

  describe('when a created schedule breaks the field rules', () => {
    it('lists every broken enum, range, date, currency and amount with its path', () => {
      expect(
        problemsOf({
          'data.event.schedule.chargeType': 'Subscription',
          'data.event.schedule.billingTermUnit': 'Week',
          'data.event.schedule.billingTerm': 1201,
          'data.event.schedule.billDayOfMonth': 0,
          'data.event.schedule.currency': 'usd',
          'data.event.schedule.startDate': '2026-1-15',
          'data.event.schedule.unitPrice': 100,
          'data.event.schedule.quantity': '-2',
          'data.event.schedule.activated': 'yes',
        }).sort(),
      ).toEqual([
        'data.event.schedule.activated: must be a boolean value',
        'data.event.schedule.billDayOfMonth: must not be less than 1',
        'data.event.schedule.billingTerm: must not be greater than 1200',
        'data.event.schedule.billingTermUnit: must be one of the following values: Month, Quarter, SemiAnnual, Year, OneTime',
        'data.event.schedule.chargeType: must be one of the following values: OneTime, Recurring, Usage',
        'data.event.schedule.currency: must be an ISO 4217 currency code such as USD',
        'data.event.schedule.quantity: must be a non-negative decimal string such as "1.5" (not a JSON number)',
        'data.event.schedule.startDate: must be a calendar date YYYY-MM-DD',
        'data.event.schedule.unitPrice: must be a non-negative decimal string such as "1.5" (not a JSON number)',
      ]);
    });

    it('refuses a total amount as a float or with more minor digits than the currency has', () => {
      expect(problemsOf({ ...orderAmount, 'data.event.schedule.totalAmount': 1200.5 })).toEqual([
        'data.event.schedule.totalAmount: must be a decimal string in major units such as "109.68" (not a JSON number)',
      ]);
      expect(problemsOf({ ...orderAmount, 'data.event.schedule.currency': 'JPY' })).toEqual([
        'data.event.schedule.totalAmount: "1200.00" has more than the 0 minor digits of JPY',
      ]);
    });

    it('requires a total amount and an end date (or cancellation date) for OrderAmount', () => {
      expect(
        problemsOf({ 'data.event.schedule.billingMethod': 'OrderAmount' }).filter((problem) =>
          problem.includes('must not be null'),
        ),
      ).toEqual([
        'data.event.schedule.totalAmount: must not be null when billingMethod is OrderAmount',
        'data.event.schedule.endDate: must not be null when billingMethod is OrderAmount and there is no cancellationDate',
      ]);
      expect(
        parsed({
          ...orderAmount,
          'data.event.schedule.endDate': null,
          'data.event.schedule.cancellationDate': '2026-07-01',
        }).ok,
      ).toBe(true);
    });

    it('requires a custom invoice group key for the Custom group type', () => {
      expect(problemsOf({ 'data.event.schedule.invoiceGroupType': 'Custom' })).toContain(
        'data.event.schedule.customInvoiceGroupKey: must not be null when invoiceGroupType is Custom',
      );
    });

    it('refuses an end date before the start date and a suspension that resumes before it starts', () => {
      expect(
        problemsOf({
          'data.event.schedule.endDate': '2026-01-14',
          'data.event.schedule.suspension': { from: '2026-04-01', resumeOn: '2026-04-01' },
        }),
      ).toEqual([
        'data.event.schedule.endDate: must be on or after startDate',
        'data.event.schedule.suspension.resumeOn: must be after from',
      ]);
    });

    it('names a missing nested field and a field left out instead of null', () => {
      expect(
        problemsOf({
          'data.event.schedule.billToAddress.country': REMOVED,
          'data.event.schedule.endDate': REMOVED,
        }),
      ).toEqual([
        'data.event.schedule.billToAddress.country: is missing',
        'data.event.schedule.endDate: is missing',
      ]);
    });
  });

  it('rejects an unknown event kind and an event without its details', () => {
    expect(problemsOf({ 'data.event': { kind: 'Deleted' } })).toEqual([
      'data.event.kind: must be one of the following values: Created, Amended, HoldChanged, Suspended, Resumed, Cancelled',
    ]);
    expect(problemsOf({ 'data.event': { kind: 'Cancelled' } })).toEqual([
      'data.event.cancellationDate: is missing',
    ]);
  });
});
