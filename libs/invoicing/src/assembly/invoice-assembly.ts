import {
  addDays,
  deterministicId,
  DomainError,
  isOnOrBefore,
  sumMoney,
  type CalendarDate,
  type CurrencyCode,
  type Money,
} from '@invoice-engine/kernel';
import type { BillToAddress } from '@invoice-engine/tax';
import { compareInvoiceLines, type InvoiceLine, type InvoiceLineCandidate } from './invoice-line';

/** The default cap on lines per invoice (DOMAIN.md section 6); a larger group is split. */
export const DEFAULT_MAX_LINES_PER_INVOICE = 2000;

export interface PaymentTerm {
  readonly id: string;
  /** Days from the invoice date to the due date. */
  readonly dueDays: number;
}

/** Everything one grouping key contributes to one run; the header fields are the group's. */
export interface InvoiceGroup {
  readonly runId: string;
  readonly groupingKey: string;
  readonly invoiceDate: CalendarDate;
  readonly currency: CurrencyCode;
  readonly billingAccountId: string;
  readonly legalEntityId: string | null;
  readonly taxEngineId: string | null;
  readonly billToAddress: BillToAddress;
  /** Null when the schedules name a payment term that does not exist: the group fails. */
  readonly paymentTerm: PaymentTerm | null;
  readonly lines: readonly InvoiceLineCandidate[];
}

/** One invoice of a group before tax: `chunkIndex` of `chunkCount` when the group was split. */
export interface AssembledInvoice {
  readonly invoiceId: string;
  readonly runId: string;
  readonly groupingKey: string;
  readonly chunkIndex: number;
  readonly chunkCount: number;
  readonly billingAccountId: string;
  readonly legalEntityId: string | null;
  readonly taxEngineId: string | null;
  readonly billToAddress: BillToAddress;
  readonly currency: CurrencyCode;
  readonly invoiceDate: CalendarDate;
  readonly dueDate: CalendarDate;
  readonly lines: readonly InvoiceLine[];
  readonly subtotal: Money;
}

/** The invoice id of chunk `chunkIndex` (0-based) of a group in a run: the same on every retry. */
export function invoiceIdOf(runId: string, groupingKey: string, chunkIndex: number): string {
  return deterministicId(runId, groupingKey, String(chunkIndex));
}

/**
 * Turns a group into its invoices: lines sorted by billing schedule id then period start, cut into
 * chunks of at most `maxLinesPerInvoice` lines, in order. Throws a DomainError (the group fails)
 * when the group cannot make a valid invoice.
 */
export function assembleInvoices(
  group: InvoiceGroup,
  maxLinesPerInvoice: number = DEFAULT_MAX_LINES_PER_INVOICE,
): readonly AssembledInvoice[] {
  assertLineLimit(maxLinesPerInvoice);
  const dueDate = dueDateOf(group);
  assertLines(group);
  const ordered = [...group.lines].sort(compareInvoiceLines);
  const chunkCount = Math.ceil(ordered.length / maxLinesPerInvoice);
  return Array.from({ length: chunkCount }, (_, chunkIndex) => {
    const invoiceId = invoiceIdOf(group.runId, group.groupingKey, chunkIndex);
    const lines = ordered
      .slice(chunkIndex * maxLinesPerInvoice, (chunkIndex + 1) * maxLinesPerInvoice)
      .map((line) => ({
        ...line,
        lineId: deterministicId(invoiceId, line.billingScheduleId, line.periodStart),
      }));
    return {
      invoiceId,
      runId: group.runId,
      groupingKey: group.groupingKey,
      chunkIndex,
      chunkCount,
      billingAccountId: group.billingAccountId,
      legalEntityId: group.legalEntityId,
      taxEngineId: group.taxEngineId,
      billToAddress: group.billToAddress,
      currency: group.currency,
      invoiceDate: group.invoiceDate,
      dueDate,
      lines,
      subtotal: sumMoney(
        lines.map((line) => line.chargeAmount),
        group.currency,
      ),
    };
  });
}

/** Due date = invoice date + the payment term's due days. */
export function dueDateOf(
  group: Pick<InvoiceGroup, 'groupingKey' | 'invoiceDate' | 'paymentTerm'>,
): CalendarDate {
  const term = group.paymentTerm;
  if (term === null) {
    throw new DomainError(
      'INVOICE.MISSING_PAYMENT_TERM',
      'validation',
      `Group ${group.groupingKey} has no payment term`,
    );
  }
  if (!Number.isSafeInteger(term.dueDays) || term.dueDays < 0) {
    throw new DomainError(
      'INVOICE.INVALID_PAYMENT_TERM',
      'validation',
      `Payment term ${term.id} has due days ${term.dueDays}; it needs a whole number of days, 0 or more`,
    );
  }
  return addDays(group.invoiceDate, term.dueDays);
}

function assertLineLimit(maxLinesPerInvoice: number): void {
  if (!Number.isSafeInteger(maxLinesPerInvoice) || maxLinesPerInvoice < 1) {
    throw new DomainError(
      'INVOICE.INVALID_LINE_LIMIT',
      'validation',
      `At most ${maxLinesPerInvoice} lines per invoice is not a positive whole number`,
    );
  }
}

function assertLines(group: InvoiceGroup): void {
  if (group.lines.length === 0) {
    throw new DomainError(
      'INVOICE.NO_LINES',
      'validation',
      `Group ${group.groupingKey} has no lines to invoice`,
    );
  }
  const periods = new Set<string>();
  for (const line of group.lines) {
    const where = `billing schedule ${line.billingScheduleId}, period ${line.periodStart}..${line.periodEnd}`;
    if (line.chargeAmount.currency !== group.currency) {
      throw new DomainError(
        'INVOICE.CURRENCY_MISMATCH',
        'validation',
        `The line of ${where} is in ${line.chargeAmount.currency}; group ${group.groupingKey} is in ${group.currency}`,
      );
    }
    if (!isOnOrBefore(line.periodStart, line.periodEnd)) {
      throw new DomainError(
        'INVOICE.INVALID_PERIOD',
        'validation',
        `The line of ${where} ends before it starts`,
      );
    }
    const period = `${line.billingScheduleId}\u0000${line.periodStart}`;
    if (periods.has(period)) {
      throw new DomainError(
        'INVOICE.DUPLICATE_LINE',
        'validation',
        `The ${where} appears twice in one group`,
      );
    }
    periods.add(period);
  }
}
