import { calendarDate, currencyCode, parseMoney } from '@invoice-engine/kernel';
import { workedExampleTerms } from './worked-example-terms';

/** The schedule of DOMAIN.md's worked examples, overridable field by field. Test-only. */
export const someTerms = workedExampleTerms;

export const d = calendarDate;
export const usd = (amount: string) => parseMoney(amount, currencyCode('USD'));
