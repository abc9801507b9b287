import { formatMoney, parseMoney } from '@invoice-engine/kernel';
import {
  taxed,
  TaxFailureCode,
  taxFailed,
  type TaxRequest,
  type TaxResult,
  type TaxStatus,
} from '@invoice-engine/tax';

/** The JSON body the HTTP tax engine receives (see the lib's README). */
export interface HttpTaxEngineRequestBody {
  readonly mode: 'Estimate' | 'CalculateAndCommit';
  readonly invoiceId: string;
  readonly invoiceDate: string;
  readonly currency: string;
  readonly billToAddress: { readonly country: string; readonly region: string | null };
  readonly lines: readonly { readonly lineId: string; readonly taxCode: string; readonly amount: string }[];
}

export function requestBodyOf(
  request: TaxRequest,
  mode: HttpTaxEngineRequestBody['mode'],
): HttpTaxEngineRequestBody {
  return {
    mode,
    invoiceId: request.invoiceId,
    invoiceDate: request.invoiceDate,
    currency: request.currency,
    billToAddress: { country: request.billToAddress.country, region: request.billToAddress.region },
    lines: request.lines.map((line) => ({
      lineId: line.lineId,
      taxCode: line.taxCode,
      amount: formatMoney(line.chargeAmount),
    })),
  };
}

const RATE = /^\d+(\.\d+)?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(problem: string): TaxResult {
  return taxFailed(
    TaxFailureCode.EngineRejected,
    `The tax engine answered malformed JSON: ${problem}`,
    false,
  );
}

/**
 * Reads a 200 answer `{lines: [{lineId, rate, taxAmount}]}`: exactly one line per requested line, a
 * plain decimal rate and an amount with the currency's minor digits. Anything else is a broken answer
 * (never a zero tax): a final failure, as asking again would get the same answer.
 */
export function taxResultOfAnswer(request: TaxRequest, answer: unknown, taxStatus: TaxStatus): TaxResult {
  if (!isRecord(answer) || !Array.isArray(answer['lines'])) return malformed('no "lines" array');
  const answered = new Map<string, Record<string, unknown>>();
  for (const line of answer['lines'] as unknown[]) {
    if (!isRecord(line) || typeof line['lineId'] !== 'string') return malformed('a line without "lineId"');
    answered.set(line['lineId'], line);
  }
  if (answered.size !== request.lines.length) {
    return malformed(`${answered.size} distinct lines for ${request.lines.length} requested`);
  }
  const lines = [];
  for (const requested of request.lines) {
    const line = answered.get(requested.lineId);
    const rate = line?.['rate'];
    const taxAmount = line?.['taxAmount'];
    if (typeof rate !== 'string' || !RATE.test(rate) || typeof taxAmount !== 'string') {
      return malformed(`line ${requested.lineId} needs a decimal "rate" and "taxAmount" string`);
    }
    try {
      const amount = parseMoney(taxAmount, request.currency);
      lines.push({
        lineId: requested.lineId,
        taxCode: requested.taxCode,
        rate,
        taxAmount: amount,
        taxStatus,
      });
    } catch (error) {
      return malformed(`line ${requested.lineId}: ${(error as Error).message}`);
    }
  }
  return taxed(lines);
}

/** A 4xx answer: refused for good. `RATE_NOT_FOUND` keeps its meaning; anything else is a rejection. */
export function refusalOf(status: number, body: unknown): TaxResult {
  const code = isRecord(body) && typeof body['code'] === 'string' ? body['code'] : null;
  const message = isRecord(body) && typeof body['message'] === 'string' ? body['message'] : `HTTP ${status}`;
  if (code === 'RATE_NOT_FOUND') return taxFailed(TaxFailureCode.RateNotFound, message, false);
  return taxFailed(
    TaxFailureCode.EngineRejected,
    `The tax engine refused the request (HTTP ${status}): ${message}`,
    false,
  );
}
