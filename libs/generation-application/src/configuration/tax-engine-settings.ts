import { calendarDate } from '@invoice-engine/kernel';
import { RateTableTaxEngine, type TaxEngine, type TaxRate } from '@invoice-engine/tax';
import { HttpTaxEngine } from '../tax/http-tax-engine';
import { readJsonArrayFile, stringField } from './json-file';

/** Which tax engine the tax service runs, from its configuration. */
export type TaxEngineSettings =
  | { readonly kind: 'rate-table'; readonly ratesFile: string }
  | {
      readonly kind: 'http';
      readonly url: string;
      readonly timeoutMs: number;
      readonly retries: number;
      readonly backoffMs: number;
    };

/**
 * A rate table file: a JSON array of `{taxCode, country, region|null, rate, effectiveFrom}` (the
 * scenario files' `taxRates[]`); see `apps/tax/tax-rates.example.json`.
 */
export function readTaxRatesFile(path: string): TaxRate[] {
  return readJsonArrayFile(path, 'tax rates').map((entry, index) => {
    const where = `${path}: tax rate #${index}`;
    const region = entry['region'];
    if (region !== null && typeof region !== 'string')
      throw new Error(`${where}: "region" must be a string or null`);
    return {
      taxCode: stringField(entry, 'taxCode', where),
      country: stringField(entry, 'country', where),
      region,
      rate: stringField(entry, 'rate', where),
      effectiveFrom: calendarDate(stringField(entry, 'effectiveFrom', where)),
    };
  });
}

/** Builds the configured engine; a bad rate table fails here, at boot, not on the first invoice. */
export function createTaxEngine(settings: TaxEngineSettings): TaxEngine {
  switch (settings.kind) {
    case 'rate-table':
      return new RateTableTaxEngine(readTaxRatesFile(settings.ratesFile));
    case 'http':
      return new HttpTaxEngine(settings);
  }
}
