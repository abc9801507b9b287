import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordsFromCsv, recordsFromJson } from './schedule-records';
import { validateScheduleRecords } from './schedule-validation';

const examples = join(__dirname, '..', '..', '..', '..', 'examples');
const sampleCsv = readFileSync(join(examples, 'billing-schedules.sample.csv'), 'utf8');
const sampleJson = readFileSync(join(examples, 'billing-schedules.sample.json'), 'utf8');
/** BS-0001: DOMAIN.md's worked example 1 (USD 100.00 × 2 monthly, Advance, anchor 1, from 2026-01-15). */
const first = (JSON.parse(sampleJson) as Record<string, unknown>[])[0] ?? {};
const [header = '', goodRow = ''] = sampleCsv.split('\n');

function validatedJson(...schedules: Readonly<Record<string, unknown>>[]) {
  const read = recordsFromJson(JSON.stringify(schedules));
  const validation = validateScheduleRecords(read.records);
  return { ...validation, problems: [...read.problems, ...validation.problems] };
}

const withState = (state: Readonly<Record<string, unknown>>, id = 'BS-1') => ({ ...first, id, ...state });

describe('a file whose schedules give state fields', () => {
  it('creates a schedule billed through a date, with the rest of its state derived', () => {
    const { schedules, problems } = validatedJson(withState({ billedThroughDate: '2026-02-28' }));
    expect(problems).toEqual([]);
    expect(schedules[0]?.imported).toMatchObject({
      type: 'BillingScheduleStateImported',
      data: {
        billingScheduleId: 'BS-1',
        snapshot: {
          status: 'ReadyForInvoicing',
          nextChargeFromDate: '2026-03-01',
          billedAmount: { currency: 'USD', minorUnits: 30968n },
          pendingAmount: { currency: 'USD', minorUnits: 20000n },
        },
      },
    });
  });

  it('keeps every field given: a status pair, a null next billing date, amounts', () => {
    const given = {
      status: 'Processing',
      invoiceRunProcessingStatus: 'InProgress',
      nextChargeFromDate: '2026-02-01',
      nextBillingDate: null,
      billedAmount: '109.68',
      pendingAmount: '200.00',
    };
    const { schedules, problems } = validatedJson(withState(given));
    expect(problems).toEqual([]);
    expect(schedules[0]?.imported?.data.snapshot).toMatchObject({
      status: 'Processing',
      invoiceRunProcessingStatus: 'InProgress',
      nextBillingDate: null,
      billedThroughDate: '2026-01-31',
    });
  });

  it('gives no state event for a schedule without state fields, or with all of them null', () => {
    const nulls = { status: null, nextChargeFromDate: null, billedAmount: null, pendingAmount: null };
    const { schedules } = validatedJson(first, withState(nulls));
    expect(schedules.map((schedule) => schedule.imported)).toEqual([null, null]);
  });

  it('reads CSV state columns: an empty cell is derived, "null" is no date on purpose', () => {
    const csv = [
      `${header},nextChargeFromDate,nextBillingDate,billedAmount`,
      `${goodRow},2026-03-01,null,`,
      `${goodRow.replace('BS-0001', 'BS-0002')},,,`,
    ].join('\n');
    const read = recordsFromCsv(csv);
    const { schedules, problems } = validateScheduleRecords(read.records);
    expect([...read.problems, ...problems]).toEqual([]);
    expect(schedules[0]?.imported?.data.snapshot).toMatchObject({
      nextChargeFromDate: '2026-03-01',
      nextBillingDate: null,
      billedAmount: { minorUnits: 30968n },
    });
    expect(schedules[1]?.imported).toBeNull();
  });
});

describe('a file whose schedules give bad state fields', () => {
  it('reports each bad field of each row, and loads none of them', () => {
    const { schedules, problems } = validatedJson(
      withState({ status: 'Billed', invoiceRunProcessingStatus: 'Pending' }, 'BS-1'),
      withState({ nextChargeFromDate: '2026-02-30', nextBillingDate: 'soon' }, 'BS-2'),
      withState({ billedAmount: '1.005', pendingAmount: 200 }, 'BS-3'),
      withState({ status: 'Processing', invoiceRunProcessingStatus: 'PendingBilling' }, 'BS-4'),
      withState({ nextChargeFromDate: '2026-02-10' }, 'BS-5'),
      withState({ nextChargeFromDate: '2026-03-01', billedThroughDate: '2026-02-01' }, 'BS-6'),
      withState({ invoiceRunProcessingStatus: 'WillNotInvoice' }, 'BS-7'),
    );
    expect(schedules).toEqual([]);
    expect(problems.map((problem) => [problem.row, problem.field])).toEqual([
      [1, 'status'],
      [1, 'invoiceRunProcessingStatus'],
      [2, 'nextChargeFromDate'],
      [2, 'nextBillingDate'],
      [3, 'billedAmount'],
      [3, 'pendingAmount'],
      [4, 'invoiceRunProcessingStatus'],
      [5, 'nextChargeFromDate'],
      [6, 'billedThroughDate'],
      [7, 'invoiceRunProcessingStatus'],
    ]);
    const reasonOf = (row: number, field: string) =>
      problems.find((problem) => problem.row === row && problem.field === field)?.reason;
    expect(reasonOf(3, 'billedAmount')).toContain('MONEY.TOO_MANY_DIGITS');
    expect(reasonOf(4, 'invoiceRunProcessingStatus')).toContain(
      'BILLING_SCHEDULE.GIVEN_STATUS_PAIR_MISMATCH',
    );
    expect(reasonOf(5, 'nextChargeFromDate')).toContain(
      'BILLING_SCHEDULE.GIVEN_NEXT_CHARGE_FROM_DATE_NOT_A_PERIOD_START',
    );
    expect(reasonOf(6, 'billedThroughDate')).toContain('must be 2026-02-28');
    expect(reasonOf(7, 'invoiceRunProcessingStatus')).toContain('contradicts generateInvoice true');
  });
});
