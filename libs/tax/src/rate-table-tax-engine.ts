import { TaxStatus, type TaxEngine, type TaxRequest, type TaxResult } from './tax-engine';
import { taxWithRateTable } from './rate-table-taxation';
import { taxRateTable, type TaxRate, type TaxRateTable } from './tax-rate-table';

/**
 * The built-in engine: a rate table in memory. Estimates and commits compute the same amounts (there
 * is no outside system to commit to); only the tax status differs. The rate table is validated once,
 * here, so a bad table fails at start-up rather than on the first invoice.
 */
export class RateTableTaxEngine implements TaxEngine {
  private readonly table: TaxRateTable;

  constructor(rates: readonly TaxRate[]) {
    this.table = taxRateTable(rates);
  }

  estimate(request: TaxRequest): Promise<TaxResult> {
    return Promise.resolve(taxWithRateTable(this.table, request, TaxStatus.Estimated));
  }

  calculateAndCommit(request: TaxRequest): Promise<TaxResult> {
    return Promise.resolve(taxWithRateTable(this.table, request, TaxStatus.Posted));
  }
}
