import type { GroupFailedData, GroupInvoicedData } from '@invoice-engine/contracts';
import type { GroupOutcome } from '@invoice-engine/invoice-batch-runs';
import { currencyCode, parseMoney } from '@invoice-engine/kernel';

export type GroupResultMessage =
  | { readonly messageId: string; readonly type: 'GroupInvoiced'; readonly data: GroupInvoicedData }
  | { readonly messageId: string; readonly type: 'GroupFailed'; readonly data: GroupFailedData };

/** The domain's view of a group result: money from decimal strings to minor units, Error for a failure. */
export function groupOutcomeOf(message: GroupResultMessage): GroupOutcome {
  const { data } = message;
  const common = {
    runId: data.runId,
    groupingKey: data.groupingKey,
    chunkIndex: data.chunkIndex,
    invoiceIds: [...data.invoiceIds],
    billingSchedulesProcessed: data.billingSchedulesProcessed,
    billingSchedulesFailed: data.billingSchedulesFailed,
    invoicesGenerated: data.invoicesGenerated,
    invoicesFailed: data.invoicesFailed,
  };
  if (message.type === 'GroupFailed') return { ...common, invoiceStatus: 'Error', amounts: [] };
  return {
    ...common,
    invoiceStatus: message.data.invoiceStatus,
    amounts: message.data.amounts.map((amount) => {
      const currency = currencyCode(amount.currency);
      return {
        currency,
        subtotal: parseMoney(amount.subtotal, currency),
        tax: parseMoney(amount.tax, currency),
        total: parseMoney(amount.total, currency),
      };
    }),
  };
}
