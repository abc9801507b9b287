import type {
  TaxCalculatedData,
  TaxedLine as TaxedLineData,
  TaxRequestedData,
} from '@invoice-engine/contracts';
import { calendarDate, currencyCode, formatMoney, parseMoney } from '@invoice-engine/kernel';
import type { TaxedLine, TaxRequest } from '@invoice-engine/tax';

/** A `TaxRequested` message as the tax lib's request: money from decimal strings to minor units. */
export function taxRequestOfMessage(data: TaxRequestedData): TaxRequest {
  const currency = currencyCode(data.currency);
  return {
    invoiceId: data.invoiceId,
    invoiceDate: calendarDate(data.invoiceDate),
    currency,
    billToAddress: { country: data.billToAddress.country, region: data.billToAddress.region },
    lines: data.lines.map((line) => ({
      lineId: line.lineId,
      taxCode: line.taxCode,
      chargeAmount: parseMoney(line.chargeAmount, currency),
    })),
  };
}

/** The engine's taxed lines as `TaxCalculated` lines: money as decimal strings. */
export function taxedLineData(lines: readonly TaxedLine[]): TaxedLineData[] {
  return lines.map((line) => ({
    lineId: line.lineId,
    taxCode: line.taxCode,
    rate: line.rate,
    taxAmount: formatMoney(line.taxAmount),
    taxStatus: line.taxStatus,
  }));
}

/** A `TaxCalculated` message's lines as the tax lib's taxed lines, in the message's currency. */
export function taxedLinesOfMessage(data: TaxCalculatedData): TaxedLine[] {
  const currency = currencyCode(data.currency);
  return data.lines.map((line) => ({
    lineId: line.lineId,
    taxCode: line.taxCode,
    rate: line.rate,
    taxAmount: parseMoney(line.taxAmount, currency),
    taxStatus: line.taxStatus,
  }));
}
