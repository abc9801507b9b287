import type { Instant } from '@invoice-engine/kernel';
import type { SchedulerDefinition } from './scheduler-definition';

/** Commands to the `invoiceBatchScheduler-<id>` stream. Times arrive in the command; nothing reads a clock. */
export type InvoiceBatchSchedulerCommand =
  | {
      readonly type: 'CreateInvoiceBatchScheduler';
      readonly data: {
        readonly schedulerId: string;
        readonly definition: SchedulerDefinition;
        readonly requestedAt: Instant;
      };
    }
  | {
      readonly type: 'EditInvoiceBatchScheduler';
      readonly data: {
        readonly schedulerId: string;
        readonly definition: SchedulerDefinition;
        readonly requestedAt: Instant;
      };
    }
  | { readonly type: 'ActivateInvoiceBatchScheduler'; readonly data: SchedulerLifecycleData }
  | { readonly type: 'DeactivateInvoiceBatchScheduler'; readonly data: SchedulerLifecycleData }
  | { readonly type: 'CancelInvoiceBatchScheduler'; readonly data: SchedulerLifecycleData }
  | {
      readonly type: 'RecordInvoiceBatchSchedulerFiring';
      /** `fireTime` is the scheduled instant being fired, not the moment the timer went off. */
      readonly data: { readonly schedulerId: string; readonly fireTime: Instant };
    };

export interface SchedulerLifecycleData {
  readonly schedulerId: string;
  readonly requestedAt: Instant;
}
