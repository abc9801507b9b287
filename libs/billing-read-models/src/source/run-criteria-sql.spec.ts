import { describe, expect, it } from '@jest/globals';
import { ANY_SCHEDULE } from '@invoice-engine/billing-schedules';
import { currencyCode } from '@invoice-engine/kernel';
import { runCriteriaSql } from './run-criteria-sql';

describe('run criteria in SQL', () => {
  it('adds no condition when every criterion is "any"', () => {
    expect(runCriteriaSql(ANY_SCHEDULE, 3)).toEqual({ conditions: [], parameters: [] });
  });

  it('numbers one array parameter per criterion from the first free parameter', () => {
    const sql = runCriteriaSql(
      { ...ANY_SCHEDULE, currencies: [currencyCode('USD'), currencyCode('EUR')], chargeTypes: ['Recurring'] },
      3,
    );
    expect(sql).toEqual({
      conditions: ['s.currency = ANY($3::text[])', 's.charge_type = ANY($4::text[])'],
      parameters: [['USD', 'EUR'], ['Recurring']],
    });
  });

  it('matches schedules without a billing batch when the batches include null', () => {
    expect(runCriteriaSql({ ...ANY_SCHEDULE, billingBatches: ['east', null] }, 1)).toEqual({
      conditions: ['(s.billing_batch = ANY($1::text[]) OR s.billing_batch IS NULL)'],
      parameters: [['east']],
    });
  });

  it('matches only schedules without a legal entity when the list is just null', () => {
    expect(runCriteriaSql({ ...ANY_SCHEDULE, legalEntityIds: [null] }, 1)).toEqual({
      conditions: ['(s.legal_entity_id = ANY($1::text[]) OR s.legal_entity_id IS NULL)'],
      parameters: [[]],
    });
  });
});
