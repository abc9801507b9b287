import {
  billingScheduleDecider,
  checkEligibility,
  type BillablePeriod,
  type BillingSchedule,
} from '@invoice-engine/billing-schedules';
import { DomainError, type CalendarDate, type Instant } from '@invoice-engine/kernel';
import type { LoadedBillingSchedule } from '../loading/billing-schedule-streams';

/** A schedule of the chunk that is still due: the periods it puts on the invoice. */
export interface DueSchedule {
  readonly loaded: LoadedBillingSchedule;
  readonly schedule: BillingSchedule;
  readonly periods: readonly BillablePeriod[];
}

/** A schedule of the chunk left off the invoice: it changed since filtering picked it. */
export interface LeftOutSchedule {
  readonly billingScheduleId: string;
  /** An exclusion reason (`OnHold`, `NotDue`, …), `NotFound`, or the code the schedule decider refused with. */
  readonly reason: string;
}

export interface ChunkSelection {
  readonly due: readonly DueSchedule[];
  readonly leftOut: readonly LeftOutSchedule[];
}

export interface SelectionRequest {
  readonly runId: string;
  readonly runStartedAt: Instant;
  readonly invoiceId: string;
  readonly targetDate: CalendarDate;
  readonly billingPeriodCount: number | null;
}

function selectOne(loaded: LoadedBillingSchedule, request: SelectionRequest): DueSchedule | LeftOutSchedule {
  const { billingScheduleId, state } = loaded;
  if (state.status === 'NotCreated') return { billingScheduleId, reason: 'NotFound' };
  const eligibility = checkEligibility(state.terms, state, request);
  if (eligibility.outcome === 'Excluded') return { billingScheduleId, reason: eligibility.reason };
  try {
    // A dry run of the command completion will send: a schedule it would refuse stays off the invoice.
    billingScheduleDecider.decide(
      {
        type: 'InvoiceBillingSchedulePeriods',
        billingScheduleId,
        runId: request.runId,
        runStartedAt: request.runStartedAt,
        invoiceId: request.invoiceId,
        invoiceStatus: 'Draft',
        periods: eligibility.periods,
      },
      state,
    );
  } catch (error) {
    if (error instanceof DomainError) return { billingScheduleId, reason: error.code };
    throw error;
  }
  return { loaded, schedule: state, periods: eligibility.periods };
}

/**
 * Re-checks the chunk's schedules as they are now (filtering read a projection, and time has passed):
 * eligibility and periods as of the run's target date and period count (billing-schedules lib), and
 * whether the schedule decider would take the periods on this invoice.
 */
export function selectDueSchedules(
  loaded: readonly LoadedBillingSchedule[],
  request: SelectionRequest,
): ChunkSelection {
  const due: DueSchedule[] = [];
  const leftOut: LeftOutSchedule[] = [];
  for (const schedule of loaded) {
    const selected = selectOne(schedule, request);
    if ('periods' in selected) due.push(selected);
    else leftOut.push(selected);
  }
  return { due, leftOut };
}
