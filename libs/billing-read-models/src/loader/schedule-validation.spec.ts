import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordsFromCsv, recordsFromJson, scheduleRecordsOf } from './schedule-records';
import { validateScheduleRecords } from './schedule-validation';

const examples = join(__dirname, '..', '..', '..', '..', 'examples');
const sampleCsv = readFileSync(join(examples, 'billing-schedules.sample.csv'), 'utf8');
const sampleJson = readFileSync(join(examples, 'billing-schedules.sample.json'), 'utf8');
const header = sampleCsv.split('\n')[0] ?? '';
const goodRow = sampleCsv.split('\n')[1] ?? '';

/** The first sample row with some cells replaced, by column name. */
function rowWith(cells: Readonly<Record<string, string>>): string {
  const columns = header.split(',');
  const values = goodRow.split(',');
  return columns.map((column, index) => cells[column] ?? values[index] ?? '').join(',');
}

describe('the sample billing schedule files', () => {
  it('are valid, and the CSV and JSON samples give the same schedules', () => {
    const fromCsv = validateScheduleRecords(recordsFromCsv(sampleCsv).records);
    const fromJson = validateScheduleRecords(recordsFromJson(sampleJson).records);
    expect(fromCsv.problems).toEqual([]);
    expect(fromCsv.schedules).toHaveLength(8);
    expect(fromJson.schedules.map((schedule) => schedule.terms)).toEqual(
      fromCsv.schedules.map((schedule) => schedule.terms),
    );
  });

  it('turn each row into the creation event of the billing-schedules decider', () => {
    const [first] = validateScheduleRecords(recordsFromCsv(sampleCsv).records).schedules;
    expect(first?.created).toMatchObject({
      type: 'BillingScheduleCreated',
      data: {
        billingScheduleId: 'BS-0001',
        terms: { billToAddress: { country: 'US', region: 'CA' }, suspension: null, billingBatch: 'east' },
        snapshot: { status: 'ReadyForInvoicing', nextBillingDate: '2026-01-15' },
      },
    });
  });

  it('read quoted cells, nested columns and money as the domain has them', () => {
    const schedules = validateScheduleRecords(recordsFromCsv(sampleCsv).records).schedules;
    const terms = (id: string) => schedules.find((schedule) => schedule.terms.id === id)?.terms;
    expect(terms('BS-0005')).toMatchObject({
      customInvoiceGroupKey: 'Project Alpha, phase 1',
      billDayOfMonth: null,
    });
    expect(terms('BS-0006')?.suspension).toEqual({ from: '2026-06-01', resumeOn: '2026-08-01' });
    expect(terms('BS-0004')?.totalAmount).toEqual({ currency: 'USD', minorUnits: 10000n });
  });
});

describe('a file with bad rows', () => {
  const csv = [
    header,
    goodRow,
    rowWith({ id: 'BS-9001', currency: 'XYZ', billingTerm: '0' }),
    rowWith({ id: 'BS-9002', chargeType: 'Monthly', startDate: '2026-02-30' }),
    rowWith({
      id: 'BS-9003',
      billingMethod: 'OrderAmount',
      totalAmount: '100.00',
      endDate: '',
      cancellationDate: '',
    }),
    rowWith({ id: 'BS-0001' }),
    rowWith({ id: 'BS-9004', activated: 'yes', quantity: '' }),
    rowWith({ id: 'BS-9005', billingTermUnit: 'OneTime' }),
  ].join('\n');

  it('reports every bad row with its row number, field and reason', () => {
    const { problems } = validateScheduleRecords(recordsFromCsv(csv).records);
    expect(problems.map((problem) => [problem.row, problem.field])).toEqual([
      [3, 'currency'],
      [3, 'billingTerm'],
      [4, 'chargeType'],
      [4, 'startDate'],
      [5, 'endDate'],
      [5, 'endDate'],
      [6, 'id'],
      [7, 'quantity'],
      [7, 'activated'],
      [8, 'billingTermUnit'],
    ]);
    expect(problems.find((problem) => problem.row === 6)?.reason).toBe('BS-0001 is already on row 2');
    expect(problems.find((problem) => problem.row === 7 && problem.field === 'quantity')?.reason).toBe(
      'is missing',
    );
    expect(problems.find((problem) => problem.row === 8)?.reason).toContain(
      'BILLING_SCHEDULE.INVALID_TERM_UNIT',
    );
    expect(problems.filter((problem) => problem.row === 5).map((problem) => problem.reason)).toContain(
      'must not be null when billingMethod is OrderAmount and there is no cancellationDate',
    );
  });

  it('reports unknown columns on the header; state columns are fields of a schedule', () => {
    const withState = `${header},status,color\n${goodRow},Processing,red\n`;
    expect(recordsFromCsv(withState).problems).toEqual([
      { row: 1, field: 'color', reason: 'is not a field of a billing schedule' },
    ]);
  });

  it('reports a JSON file that is not an array, and a file of another kind', () => {
    expect(recordsFromJson('{"id": "BS-1"}').problems).toEqual([
      { row: 0, field: '', reason: 'a JSON file must hold an array of schedules' },
    ]);
    expect(scheduleRecordsOf('schedules.xlsx', '').problems[0]?.reason).toContain('only .json and .csv');
  });
});
