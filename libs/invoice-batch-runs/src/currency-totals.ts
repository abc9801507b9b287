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

export interface SingleCurrencyTotals {
  readonly totalInvoicedAmount: Money | null;
  readonly totalDraftInvoiceAmount: Money | null;
}

/**
 * The two single run totals of DOMAIN.md section 6: null when the successful invoices span several
 * currencies or one other than the org's default (adding them would mix currencies); zero in the
 * default currency when there is no successful invoice at all.
 */
export function singleCurrencyTotals(
  totals: CurrencyTotals,
  defaultCurrency: CurrencyCode,
): SingleCurrencyTotals {
  const currencies = Object.keys(totals);
  if (currencies.length === 0) {
    return {
      totalInvoicedAmount: zeroMoney(defaultCurrency),
      totalDraftInvoiceAmount: zeroMoney(defaultCurrency),
    };
  }
  const only = totals[defaultCurrency];
  if (currencies.length > 1 || only === undefined) {
    return { totalInvoicedAmount: null, totalDraftInvoiceAmount: null };
  }
  return { totalInvoicedAmount: only.invoiced, totalDraftInvoiceAmount: only.draft };
}
