import { TaxRequested, type TaxMode, type TaxRequestedData } from '@invoice-engine/contracts';
import { taxRequestOf, type AssembledInvoice } from '@invoice-engine/invoicing';
import { deterministicId, formatMoney, type EventMetadata } from '@invoice-engine/kernel';
import { outgoing, type OutgoingMessage } from './outgoing-message';

/** The engine of schedules that name none: the built-in rate table (as in the contracts' examples). */
export const BUILT_IN_TAX_ENGINE_ID = 'builtin';

/** One tax request per invoice and mode, so its id follows from both: a re-publication repeats it. */
export function taxRequestedMessageId(invoiceId: string, mode: TaxMode): string {
  return deterministicId(invoiceId, TaxRequested.type, mode);
}

/** Tax for an invoice: Estimate while it is drafted, CalculateAndCommit while it is posted. */
export function taxRequestedMessage(
  invoice: AssembledInvoice,
  mode: TaxMode,
  metadata: EventMetadata,
): OutgoingMessage {
  const request = taxRequestOf(invoice);
  const data: TaxRequestedData = {
    runId: invoice.runId,
    groupingKey: invoice.groupingKey,
    invoiceId: invoice.invoiceId,
    taxEngineId: invoice.taxEngineId ?? BUILT_IN_TAX_ENGINE_ID,
    mode,
    invoiceDate: request.invoiceDate,
    currency: request.currency,
    billToAddress: { country: request.billToAddress.country, region: request.billToAddress.region },
    lines: request.lines.map((line) => ({
      lineId: line.lineId,
      taxCode: line.taxCode,
      chargeAmount: formatMoney(line.chargeAmount),
    })),
  };
  return outgoing(TaxRequested, taxRequestedMessageId(invoice.invoiceId, mode), data, metadata);
}
