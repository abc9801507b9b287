import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from './parse-scenario';

const workedExample1 = readFileSync(
  join(__dirname, '../../../../examples/scenarios/01-worked-example-1-monthly-advance-stub.json'),
  'utf8',
);

type JsonObject = Record<string, unknown>;

/** The parts of a scenario file the specs change. */
interface ScenarioJson {
  org: JsonObject;
  taxRates: JsonObject[];
  paymentTerms?: JsonObject[];
  billingSchedules: JsonObject[];
  run: JsonObject & { criteria: JsonObject };
}

/** Worked example 1 with a change applied to its parsed JSON. */
function changed(change: (document: ScenarioJson) => void): string {
  const document = JSON.parse(workedExample1) as ScenarioJson;
  change(document);
  return JSON.stringify(document);
}

function errorOf(text: string) {
  const parsed = parseScenario(text);
  if (parsed.ok) throw new Error('expected the scenario to be refused');
  return parsed.error;
}

describe('a valid scenario file', () => {
  it('parses into the engine types, optional parts defaulted', () => {
    const parsed = parseScenario(
      changed((document) => {
        delete document.org.maxTargetDateOffsetMonths;
        delete document.run.invoiceDate;
        delete document.run.billingPeriodCount;
        document.run.criteria = { currencies: ['USD'] };
      }),
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.scenario.org).toEqual({
      today: '2026-03-01',
      defaultCurrency: 'USD',
      maxTargetDateOffsetMonths: 12,
      maxLinesPerInvoice: 2000,
    });
    expect(parsed.scenario.run).toEqual({
      targetDate: '2026-03-01',
      invoiceDate: '2026-03-01',
      invoiceStatus: 'Draft',
      criteria: {
        currencies: ['USD'],
        billingBatches: null,
        legalEntityIds: null,
        billingAccountIds: null,
        chargeTypes: null,
      },
      billingPeriodCount: null,
    });
    expect(parsed.scenario.taxRates).toEqual([
      { taxCode: 'SW', country: 'US', region: null, rate: '0.0725', effectiveFrom: '2020-01-01' },
    ]);
    expect(parsed.scenario.schedules).toHaveLength(1);
  });
});

describe('an invalid scenario file', () => {
  it('is refused as not JSON', () => {
    expect(errorOf('{"org": ')).toEqual({
      code: 'SCENARIO.NOT_JSON',
      message: expect.stringContaining('not JSON'),
    });
  });

  it('is refused when it is not an object', () => {
    expect(errorOf('[1, 2]').message).toBe('The scenario has 1 problem: the scenario must be a JSON object');
  });

  it('names every problem of the top-level parts with its JSON path', () => {
    const error = errorOf(
      changed((document) => {
        document.org.today = '2026-02-30';
        document.org.colour = 'blue';
        document.taxRates = document.taxRates.map((rate) => ({ ...rate, effectiveFrom: 'yesterday' }));
        document.run.invoiceStatus = 'Final';
        document.run.criteria.currencies = [];
        delete document.paymentTerms;
      }),
    );
    expect(error.code).toBe('SCENARIO.INVALID');
    expect(error.message).toContain('org.today: must be a calendar date YYYY-MM-DD');
    expect(error.message).toContain('org.colour: is not a field of a scenario');
    expect(error.message).toContain('taxRates[0].effectiveFrom: must be a calendar date YYYY-MM-DD');
    expect(error.message).toContain('run.invoiceStatus: must be one of the following values: Draft, Posted');
    expect(error.message).toContain('run.criteria.currencies:');
    expect(error.message).toContain('paymentTerms: is missing');
    expect(error.message).toMatch(/^The scenario has 6 problems: /);
  });

  it('checks each billing schedule with the schedule loader, at its index', () => {
    const error = errorOf(
      changed((document) => {
        const [first] = document.billingSchedules;
        document.billingSchedules.push({ ...first, id: 'BS-2', startDate: '2026-13-01', chargeType: 'Once' });
        document.billingSchedules.push({
          ...first,
          id: 'BS-3',
          billingMethod: 'OrderAmount',
          totalAmount: '10.00',
        });
        document.billingSchedules.push({ ...first, id: 'BS-4', status: 'Processed', colour: 'blue' });
      }),
    );
    expect(error.message).toContain('billingSchedules[1].startDate: must be a calendar date YYYY-MM-DD');
    expect(error.message).toContain('billingSchedules[1].chargeType:');
    expect(error.message).toContain(
      'billingSchedules[2].endDate: must not be null when billingMethod is OrderAmount',
    );
    expect(error.message).toContain(
      'billingSchedules[3].status: must be one of ReadyForInvoicing, Processing, CompletelyBilled, Error',
    );
    expect(error.message).toContain('billingSchedules[3].colour: is not a field of a billing schedule');
  });

  it('accepts the state fields of a schedule given mid-life (DOMAIN.md section 7)', () => {
    const given = { status: 'Processing', invoiceRunProcessingStatus: 'InProgress', nextBillingDate: null };
    const parsed = parseScenario(
      changed((document) => {
        const [first] = document.billingSchedules;
        document.billingSchedules.push({ ...first, id: 'BS-2', ...given });
      }),
    );
    expect(parsed.ok && parsed.scenario.schedules[1]).toMatchObject(given);
  });

  it('applies the tax lib rate rules and refuses duplicate payment terms', () => {
    const error = errorOf(
      changed((document) => {
        document.taxRates.push({
          taxCode: 'SW',
          country: 'US',
          region: 'CA',
          rate: '7.25',
          effectiveFrom: '2020-01-01',
        });
        document.paymentTerms?.push({ id: 'NET30', dueDays: 15 });
      }),
    );
    expect(error.message).toContain(
      'taxRates[1]: has rate "7.25" above 1 (rates are fractions: 7.25 % is "0.0725")',
    );
    expect(error.message).toContain('paymentTerms[2].id: "NET30" is already listed at paymentTerms[0]');
  });

  it('refuses two rates for the same code, place and date', () => {
    const error = errorOf(
      changed((document) => {
        document.taxRates.push(...document.taxRates.map((rate) => ({ ...rate, rate: '0.08' })));
      }),
    );
    expect(error.message).toContain(
      'taxRates: Tax rates #0 and #1 both set tax code SW in US from 2020-01-01',
    );
  });

  it('refuses a line limit below one', () => {
    expect(errorOf(changed((document) => (document.org.maxLinesPerInvoice = 0))).message).toContain(
      'org.maxLinesPerInvoice: must not be less than 1',
    );
  });
});
