import { isOnOrBefore, type CalendarDate } from '@invoice-engine/kernel';
import type { TaxRate, TaxRateTable } from './tax-rate-table';

export interface TaxRateQuery {
  readonly taxCode: string;
  readonly country: string;
  readonly region: string | null;
  /** The invoice date: the latest rate effective on or before it applies. */
  readonly on: CalendarDate;
}

/**
 * The rate that applies, or null when none does. A rate for the address's region wins over the
 * country's rate with no region; within either, the latest `effectiveFrom` on or before the date.
 * A region rate that only starts after the date does not hide the country rate in force.
 */
export function findTaxRate(table: TaxRateTable, query: TaxRateQuery): TaxRate | null {
  const country = query.country.trim().toUpperCase();
  const region = query.region === null ? null : query.region.trim().toUpperCase();
  const inForce = table.rates.filter(
    (rate) =>
      rate.taxCode === query.taxCode.trim() &&
      rate.country === country &&
      isOnOrBefore(rate.effectiveFrom, query.on),
  );
  const regional = region === null || region === '' ? [] : inForce.filter((rate) => rate.region === region);
  return latest(regional) ?? latest(inForce.filter((rate) => rate.region === null));
}

function latest(rates: readonly TaxRate[]): TaxRate | null {
  return rates.reduce<TaxRate | null>(
    (best, rate) => (best === null || rate.effectiveFrom > best.effectiveFrom ? rate : best),
    null,
  );
}
