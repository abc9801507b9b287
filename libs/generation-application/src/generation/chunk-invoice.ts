import {
  assembleInvoices,
  invoiceIdOf,
  type AssembledInvoice,
  type InvoiceGroup,
  type InvoiceLineCandidate,
  type PaymentTerm,
} from '@invoice-engine/invoicing';
import { deterministicId, DomainError, type CalendarDate } from '@invoice-engine/kernel';
import type { WorkItemChunk } from '../outbound/group-result-messages';
import type { DueSchedule } from './due-schedules';

/** A schedule without a payment term: due on the invoice date. */
export const DUE_ON_RECEIPT: PaymentTerm = { id: 'due-on-receipt', dueDays: 0 };

export interface ChunkToInvoice extends WorkItemChunk {
  readonly invoiceDate: CalendarDate;
}

function invalid(code: string, message: string): DomainError {
  return new DomainError(`INVOICE_GENERATION.${code}`, 'validation', message);
}

function linesOf(due: DueSchedule): InvoiceLineCandidate[] {
  const { terms } = due.schedule;
  const taxCode = terms.taxCode;
  if (taxCode === null || taxCode.trim() === '') {
    throw invalid(
      'MISSING_TAX_CODE',
      `Billing schedule ${terms.id} has no tax code; its lines cannot be taxed`,
    );
  }
  return due.periods.map((period) => ({
    billingScheduleId: terms.id,
    periodStart: period.periodStart,
    periodEnd: period.periodEnd,
    quantity: period.quantity,
    unitPrice: period.unitPrice,
    chargeAmount: period.chargeAmount,
    taxCode,
  }));
}

/**
 * The chunk's invoice group. The grouping key makes account, currency, tax engine and legal entity
 * the same for every schedule; the bill-to address is not part of the key, so the first schedule's
 * (in id order, the order of the lines) is the invoice's.
 */
export function chunkInvoiceGroup(
  due: readonly DueSchedule[],
  chunk: ChunkToInvoice,
  paymentTerm: PaymentTerm | null,
): InvoiceGroup {
  const ordered = [...due].sort((left, right) => (left.schedule.terms.id < right.schedule.terms.id ? -1 : 1));
  const first = ordered[0]?.schedule.terms;
  if (first === undefined) throw new Error('An invoice group needs at least one schedule');
  if (first.billToAddress === null) {
    throw invalid('MISSING_BILL_TO_ADDRESS', `Billing schedule ${first.id} has no bill-to address to tax by`);
  }
  return {
    runId: chunk.runId,
    groupingKey: chunk.groupingKey,
    invoiceDate: chunk.invoiceDate,
    currency: first.currency,
    billingAccountId: first.billingAccountId,
    legalEntityId: first.legalEntityId,
    taxEngineId: first.taxEngineId,
    billToAddress: first.billToAddress,
    paymentTerm,
    lines: ordered.flatMap(linesOf),
  };
}

/**
 * Assembles exactly this chunk's lines into one invoice (filtering already split the group): the
 * invoicing lib's assembly, then the chunk's own invoice id, index and count, and line ids derived
 * from that invoice id by the lib's rule. More lines than the limit means filtering and generation
 * disagree on the limit: the group fails rather than writing an invoice no work item accounts for.
 */
export function assembleChunkInvoice(
  group: InvoiceGroup,
  chunk: WorkItemChunk,
  maxLinesPerInvoice: number,
): AssembledInvoice {
  const assembled = assembleInvoices(group, maxLinesPerInvoice);
  const [invoice] = assembled;
  if (invoice === undefined || assembled.length > 1) {
    throw invalid(
      'CHUNK_OVER_LINE_LIMIT',
      `Chunk ${chunk.chunkIndex} of ${chunk.groupingKey} has ${group.lines.length} lines, more than ${maxLinesPerInvoice} per invoice`,
    );
  }
  const invoiceId = invoiceIdOf(chunk.runId, chunk.groupingKey, chunk.chunkIndex);
  const chunkPlace = { invoiceId, chunkIndex: chunk.chunkIndex, chunkCount: chunk.chunkCount };
  // Chunk 0 (most groups have one chunk) already has its id and line ids: not derived again.
  if (invoice.invoiceId === invoiceId) return { ...invoice, ...chunkPlace };
  return {
    ...invoice,
    ...chunkPlace,
    lines: invoice.lines.map((line) => ({
      ...line,
      lineId: deterministicId(invoiceId, line.billingScheduleId, line.periodStart),
    })),
  };
}
