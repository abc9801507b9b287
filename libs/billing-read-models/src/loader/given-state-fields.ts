import type { GivenBillingScheduleState } from '@invoice-engine/billing-schedules';
import { DomainError, isCalendarDate, parseMoney, type CurrencyCode } from '@invoice-engine/kernel';
import type { LoadProblem, ScheduleRecord } from './schedule-records';

const STATUSES = ['ReadyForInvoicing', 'Processing', 'CompletelyBilled', 'Error'] as const;
const PROCESSING_STATUSES = ['PendingBilling', 'InProgress', 'Completed', 'Error', 'WillNotInvoice'] as const;

/** The state fields a row gives (DOMAIN.md section 1), read and type-checked, or the problems found. */
export type GivenStateFields =
  | { readonly ok: true; readonly givenState: GivenBillingScheduleState | undefined }
  | { readonly ok: false; readonly problems: readonly LoadProblem[] };

type Given = { -readonly [K in keyof GivenBillingScheduleState]: GivenBillingScheduleState[K] };
type Report = (field: string, reason: string) => void;
type Fields = Readonly<Record<string, unknown>>;

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function readStatuses(fields: Fields, given: Given, report: Report) {
  const { status, invoiceRunProcessingStatus } = fields;
  if (status !== undefined && status !== null) {
    if (oneOf(STATUSES, status)) given.status = status;
    else report('status', `must be one of ${STATUSES.join(', ')}`);
  }
  if (invoiceRunProcessingStatus !== undefined && invoiceRunProcessingStatus !== null) {
    if (oneOf(PROCESSING_STATUSES, invoiceRunProcessingStatus))
      given.invoiceRunProcessingStatus = invoiceRunProcessingStatus;
    else report('invoiceRunProcessingStatus', `must be one of ${PROCESSING_STATUSES.join(', ')}`);
  }
}

/** `nextBillingDate` and `billedThroughDate` may be null on purpose; a null `nextChargeFromDate` is left out. */
function readDates(fields: Fields, given: Given, report: Report) {
  const { nextChargeFromDate } = fields;
  if (nextChargeFromDate !== undefined && nextChargeFromDate !== null) {
    if (isCalendarDate(nextChargeFromDate)) given.nextChargeFromDate = nextChargeFromDate;
    else report('nextChargeFromDate', 'must be a calendar date YYYY-MM-DD');
  }
  for (const field of ['nextBillingDate', 'billedThroughDate'] as const) {
    const value = fields[field];
    if (value === undefined) continue;
    if (value === null || isCalendarDate(value)) given[field] = value;
    else report(field, 'must be a calendar date YYYY-MM-DD or null');
  }
}

/** Decimal strings with the currency's minor digits, as every amount of a file. */
function readAmounts(fields: Fields, currency: CurrencyCode, given: Given, report: Report) {
  for (const field of ['billedAmount', 'pendingAmount'] as const) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      report(field, `must be a decimal string in ${currency}, such as "109.68"`);
      continue;
    }
    try {
      given[field] = parseMoney(value, currency);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      report(field, `${error.message} (${error.code})`);
    }
  }
}

/**
 * Reads the state fields of a row whose terms are valid (the currency is known). A field absent, or
 * null but for the two dates that may be null, is left out: derived from the start by the decider.
 */
export function givenStateFields(record: ScheduleRecord, currency: CurrencyCode): GivenStateFields {
  const problems: LoadProblem[] = [];
  const report: Report = (field, reason) => problems.push({ row: record.row, field, reason });
  const given: Given = {};
  readStatuses(record.fields, given, report);
  readDates(record.fields, given, report);
  readAmounts(record.fields, currency, given, report);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, givenState: Object.keys(given).length === 0 ? undefined : given };
}
