import { multiplyMoney, type Money } from '@invoice-engine/kernel';
import {
  TaxFailureCode,
  taxed,
  taxFailed,
  type TaxedLine,
  type TaxRequest,
  type TaxResult,
  type TaxStatus,
} from './tax-engine';
import { findTaxRate } from './tax-rate-lookup';
import { describeRate, type TaxRateTable } from './tax-rate-table';

/** Line tax = charge × rate, rounded half away from zero to the currency's minor unit (the tax step). */
export function lineTax(chargeAmount: Money, rate: string): Money {
  return multiplyMoney(chargeAmount, rate);
}

/**
 * Taxes every line of a request with the rate table. One line without a rate fails the whole
 * request (not retryable: only a rate-table fix helps); it is never taxed at zero.
 */
export function taxWithRateTable(table: TaxRateTable, request: TaxRequest, taxStatus: TaxStatus): TaxResult {
  const problem = requestProblem(request);
  if (problem !== null) return taxFailed(TaxFailureCode.InvalidRequest, problem, false);
  const lines: TaxedLine[] = [];
  for (const line of request.lines) {
    const query = { taxCode: line.taxCode, ...request.billToAddress, on: request.invoiceDate };
    const rate = findTaxRate(table, query);
    if (rate === null) {
      return taxFailed(
        TaxFailureCode.RateNotFound,
        `No rate for ${describeRate(query)} on ${request.invoiceDate} (invoice ${request.invoiceId}, line ${line.lineId})`,
        false,
      );
    }
    lines.push({
      lineId: line.lineId,
      taxAmount: lineTax(line.chargeAmount, rate.rate),
      rate: rate.rate,
      taxCode: line.taxCode,
      taxStatus,
    });
  }
  return taxed(lines);
}

function requestProblem(request: TaxRequest): string | null {
  const lineIds = new Set<string>();
  for (const line of request.lines) {
    if (line.chargeAmount.currency !== request.currency) {
      return `Line ${line.lineId} is in ${line.chargeAmount.currency}, the invoice ${request.invoiceId} in ${request.currency}`;
    }
    if (lineIds.has(line.lineId))
      return `Line id ${line.lineId} appears twice in invoice ${request.invoiceId}`;
    lineIds.add(line.lineId);
  }
  return null;
}
