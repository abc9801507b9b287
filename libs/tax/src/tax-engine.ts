import type { CalendarDate, CurrencyCode, Money } from '@invoice-engine/kernel';

/** Whether a line's tax is an estimate (draft invoices) or was calculated and committed (posting). */
export const TaxStatus = { Estimated: 'Estimated', Posted: 'Posted' } as const;
export type TaxStatus = (typeof TaxStatus)[keyof typeof TaxStatus];

/** Where the invoice is billed to; `region` is a state or province, null when the country has none. */
export interface BillToAddress {
  readonly country: string;
  readonly region: string | null;
}

/** One invoice line to tax. `lineId` only has to be unique within the request. */
export interface TaxRequestLine {
  readonly lineId: string;
  readonly taxCode: string;
  readonly chargeAmount: Money;
}

export interface TaxRequest {
  readonly invoiceId: string;
  readonly invoiceDate: CalendarDate;
  readonly currency: CurrencyCode;
  readonly billToAddress: BillToAddress;
  readonly lines: readonly TaxRequestLine[];
}

/** The tax of one line; `rate` is a decimal string ("0.0725" for 7.25 %). */
export interface TaxedLine {
  readonly lineId: string;
  readonly taxAmount: Money;
  readonly rate: string;
  readonly taxCode: string;
  readonly taxStatus: TaxStatus;
}

/** Stable failure codes; an outside engine's adapter maps its own errors onto these. */
export const TaxFailureCode = {
  RateNotFound: 'TAX.RATE_NOT_FOUND',
  InvalidRequest: 'TAX.INVALID_REQUEST',
  EngineTimeout: 'TAX.ENGINE_TIMEOUT',
  EngineUnavailable: 'TAX.ENGINE_UNAVAILABLE',
  EngineRejected: 'TAX.ENGINE_REJECTED',
} as const;
export type TaxFailureCode = (typeof TaxFailureCode)[keyof typeof TaxFailureCode];

/**
 * Why a request could not be taxed. `retryable` tells the caller whether the same request may
 * succeed later (a timeout) or never will without a data fix (a missing rate).
 */
export interface TaxFailure {
  readonly code: TaxFailureCode;
  readonly message: string;
  readonly retryable: boolean;
}

/** Either every line of the request taxed, or one failure for the whole request (no partial results). */
export type TaxResult =
  | { readonly outcome: 'Taxed'; readonly lines: readonly TaxedLine[] }
  | { readonly outcome: 'Failed'; readonly failure: TaxFailure };

/**
 * The tax engine port. Adapters may call an outside HTTP engine that can time out or fail: they
 * resolve with a `Failed` result (never reject for an expected failure) and never report a missing
 * rate as a zero tax.
 */
export interface TaxEngine {
  /** Estimated tax for a draft invoice; nothing is recorded with the engine. */
  estimate(request: TaxRequest): Promise<TaxResult>;
  /** Actual tax for posting; the engine records (commits) the transaction under the invoice id. */
  calculateAndCommit(request: TaxRequest): Promise<TaxResult>;
}

export function taxed(lines: readonly TaxedLine[]): TaxResult {
  return { outcome: 'Taxed', lines };
}

export function taxFailed(code: TaxFailureCode, message: string, retryable: boolean): TaxResult {
  return { outcome: 'Failed', failure: { code, message, retryable } };
}
