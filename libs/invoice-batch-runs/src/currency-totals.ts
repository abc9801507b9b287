import { addMoney, zeroMoney, type CurrencyCode, type Money } from '@invoice-engine/kernel';

/** Amounts of a run's successful invoices in one currency, tax included; `draft` is the Draft part of `invoiced`. */
export interface CurrencyTotal {
  readonly invoiced: Money;
  readonly draft: Money;
}

/** Totals keyed by ISO 4217 currency code; a currency appears only once a successful invoice uses it. */
export type CurrencyTotals = Readonly<Record<string, CurrencyTotal>>;

export function addToCurrencyTotals(totals: CurrencyTotals, invoiced: Money, draft: Money): CurrencyTotals {
  const current = totals[invoiced.currency] ?? {
    invoiced: zeroMoney(invoiced.currency),
    draft: zeroMoney(invoiced.currency),
  };
  return {
    ...totals,
    [invoiced.currency]: {
      invoiced: addMoney(current.invoiced, invoiced),
      draft: addMoney(current.draft, draft),
    },
  };
}

/** The same totals with currencies in alphabetical order, so equal totals print and compare alike. */
export function sortedCurrencyTotals(totals: CurrencyTotals): CurrencyTotals {
  return Object.fromEntries(Object.entries(totals).sort(([left], [right]) => (left < right ? -1 : 1)));
}

/** Whether a run's amounts may be reported as single totals (DOMAIN.md section 6). */
export type SingleTotalRule = 'NoInvoice' | 'DefaultCurrencyOnly' | 'NotReportable';

/**
 * Single totals exist only when every amount is in the org's default currency (adding others would
 * mix currencies); a run without any amount reports zero in the default currency.
 */
export function singleTotalRule(
  currencies: readonly string[],
  defaultCurrency: CurrencyCode,
): SingleTotalRule {
  if (currencies.length === 0) return 'NoInvoice';
  return currencies.length === 1 && currencies[0] === defaultCurrency
    ? 'DefaultCurrencyOnly'
    : 'NotReportable';
}

export interface SingleCurrencyTotals {
  readonly totalInvoicedAmount: Money | null;
  readonly totalDraftInvoiceAmount: Money | null;
}

/** The two single run totals: null when not reportable, zero in the default currency with no invoice. */
export function singleCurrencyTotals(
  totals: CurrencyTotals,
  defaultCurrency: CurrencyCode,
): SingleCurrencyTotals {
  const only = totals[defaultCurrency];
  switch (singleTotalRule(Object.keys(totals), defaultCurrency)) {
    case 'NoInvoice':
      return {
        totalInvoicedAmount: zeroMoney(defaultCurrency),
        totalDraftInvoiceAmount: zeroMoney(defaultCurrency),
      };
    case 'DefaultCurrencyOnly':
      return { totalInvoicedAmount: only?.invoiced ?? null, totalDraftInvoiceAmount: only?.draft ?? null };
    case 'NotReportable':
      return { totalInvoicedAmount: null, totalDraftInvoiceAmount: null };
  }
}
