import { assertNever } from '@invoice-engine/kernel';
import type { FailInvoiceGeneration } from './invoice-commands';
import { illegalInvoiceTransition, InvoiceErrorCode } from './invoice-errors';
import type { InvoiceEvent } from './invoice-events';
import type { InvoiceState } from './invoice-state';

/**
 * A failed group puts its invoice in Error, from any status but Posted and Canceled (a Draft can
 * still fail, e.g. when its schedules cannot be updated). Failing an invoice in Error is a no-op.
 */
export function failInvoiceGeneration(
  command: FailInvoiceGeneration,
  state: InvoiceState,
): readonly InvoiceEvent[] {
  const action = 'fail';
  switch (state.status) {
    case 'Pending':
      return [
        {
          type: 'InvoiceGenerationFailed',
          data: {
            invoiceId: command.invoiceId,
            runId: command.runId,
            groupingKey: command.groupingKey,
            failedFrom: state.status,
            cause: command.cause,
            billingScheduleIds: [...new Set(command.billingScheduleIds)].sort(),
          },
        },
      ];
    case 'DraftInProgress':
    case 'Draft':
    case 'PostingInProgress': {
      const { invoice } = state;
      const billingScheduleIds = [...new Set(invoice.lines.map((line) => line.billingScheduleId))].sort();
      const data = {
        invoiceId: invoice.invoiceId,
        runId: invoice.runId,
        groupingKey: invoice.groupingKey,
        failedFrom: state.status,
        cause: command.cause,
        billingScheduleIds,
      };
      return [{ type: 'InvoiceGenerationFailed', data }];
    }
    case 'Error':
      return [];
    case 'Posted':
      throw illegalInvoiceTransition(InvoiceErrorCode.AlreadyPosted, command.invoiceId, action, state);
    case 'Canceled':
      throw illegalInvoiceTransition(InvoiceErrorCode.Canceled, command.invoiceId, action, state);
    default:
      return assertNever(state, 'invoice state');
  }
}
