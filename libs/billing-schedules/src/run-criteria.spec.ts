import { currencyCode } from '@invoice-engine/kernel';
import { ANY_SCHEDULE, matchesRunCriteria } from './run-criteria';
import { someTerms } from './terms.fixture';

describe('run criteria', () => {
  const terms = someTerms({ billingBatch: 'east' });

  it('matches any schedule when every criterion is null', () => {
    expect(matchesRunCriteria(terms, ANY_SCHEDULE)).toBe(true);
  });

  it('filters on currency, billing batch, legal entity, billing account and charge type', () => {
    expect(matchesRunCriteria(terms, { ...ANY_SCHEDULE, currencies: [currencyCode('EUR')] })).toBe(false);
    expect(matchesRunCriteria(terms, { ...ANY_SCHEDULE, currencies: [currencyCode('USD')] })).toBe(true);
    expect(matchesRunCriteria(terms, { ...ANY_SCHEDULE, billingBatches: ['west'] })).toBe(false);
    expect(matchesRunCriteria(terms, { ...ANY_SCHEDULE, legalEntityIds: ['le-2'] })).toBe(false);
    expect(matchesRunCriteria(terms, { ...ANY_SCHEDULE, billingAccountIds: ['acct-1'] })).toBe(true);
    expect(matchesRunCriteria(terms, { ...ANY_SCHEDULE, chargeTypes: ['OneTime'] })).toBe(false);
  });

  it('treats a null billing batch as a value of its own', () => {
    const unbatched = someTerms({ billingBatch: null });
    expect(matchesRunCriteria(unbatched, { ...ANY_SCHEDULE, billingBatches: ['east'] })).toBe(false);
    expect(matchesRunCriteria(unbatched, { ...ANY_SCHEDULE, billingBatches: [null] })).toBe(true);
    expect(matchesRunCriteria(terms, { ...ANY_SCHEDULE, billingBatches: [null] })).toBe(false);
  });
});
