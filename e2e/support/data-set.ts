import {
  ANY_SCHEDULE,
  type BillingSchedule,
  type BillingScheduleTerms,
} from '@invoice-engine/billing-schedules';
import { calendarDate, currencyCode, instant } from '@invoice-engine/kernel';
import {
  createdSchedule,
  generateBillingSchedules,
  predictRun,
  seedBillingSchedules,
  TEST_PAYMENT_TERMS,
  TEST_TAX_RATES,
  type OracleReferenceData,
  type PipelineEnvironment,
  type RunPrediction,
  type RunToPredict,
  type ScheduleGenerationOptions,
} from '@invoice-engine/testing';

/** The date every end-to-end data set is built around, and the target date of their runs. */
export const AS_OF = calendarDate('2026-06-30');
export const INVOICE_DATE = calendarDate('2026-07-01');

/** What the services are configured with, for the oracle. */
const REFERENCE: OracleReferenceData = {
  taxRates: TEST_TAX_RATES,
  paymentTerms: TEST_PAYMENT_TERMS,
  maxLinesPerInvoice: 2000,
};

/** Generates the data set and appends its creation events; returns the terms in id order. */
export async function seedDataSet(
  environment: PipelineEnvironment,
  options: Omit<ScheduleGenerationOptions, 'asOf'>,
): Promise<BillingScheduleTerms[]> {
  const terms = [...generateBillingSchedules({ ...options, asOf: AS_OF })];
  await seedBillingSchedules(environment.eventStore, terms, {
    seedingId: `seed-${options.idPrefix}-${options.seed}`,
    occurredAt: instant(new Date().toISOString()),
  });
  return terms;
}

/** The schedules as created (nothing billed yet), as the oracle takes them. */
export function freshSchedules(terms: readonly BillingScheduleTerms[]) {
  return terms.map(createdSchedule);
}

function runToPredict(runId: string, invoiceStatus: 'Draft' | 'Posted'): RunToPredict {
  return {
    runId,
    targetDate: AS_OF,
    invoiceDate: INVOICE_DATE,
    invoiceStatus,
    billingPeriodCount: null,
    criteria: ANY_SCHEDULE,
    defaultCurrency: currencyCode('USD'),
    requestedAt: instant(new Date().toISOString()),
  };
}

/** What the domain rules say a run of the data set's dates must produce from these schedules. */
export function predictDataSetRun(
  runId: string,
  invoiceStatus: 'Draft' | 'Posted',
  schedules: Iterable<BillingSchedule>,
): RunPrediction {
  return predictRun(runToPredict(runId, invoiceStatus), schedules, REFERENCE);
}

/**
 * How long a spec may wait for the broker lock (another spec's or the bench's pipeline) on top of its
 * own work: specs run one at a time even when Jest runs several files in parallel.
 */
export const OTHER_PIPELINES_MS = 15 * 60_000;
