import type { GivenBillingScheduleState } from '@invoice-engine/billing-schedules';
import {
  DomainError,
  isCalendarDate,
  parseMoney,
  type CalendarDate,
  type CurrencyCode,
} from '@invoice-engine/kernel';
import type { LoadProblem, ScheduleRecord } from './schedule-records';

const STATUSES = ['ReadyForInvoicing', 'Processing', 'CompletelyBilled', 'Error'] as const;
const PROCESSING_STATUSES = ['PendingBilling', 'InProgress', 'Completed', 'Error', 'WillNotInvoice'] as const;

/** The state fields a row gives (DOMAIN.md section 1), read and type-checked, or the problems found. */
export type GivenStateFields =
  | { readonly ok: true; readonly givenState: GivenBillingScheduleState | undefined }
  | { readonly ok: false; readonly problems: readonly LoadProblem[] };

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/**
 * Reads the state fields of a row whose terms are valid. A field that is absent (or, but for the two
 * dates that may be null, null) is left out, to be derived from the start; `nextBillingDate` and
 * `billedThroughDate` may be null on purpose. Amounts are decimal strings with the currency's minor
 * digits.
 */
export function givenStateFields(record: ScheduleRecord, currency: CurrencyCode): GivenStateFields {
  const fields = record.fields;
  const problems: LoadProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ row: record.row, field, reason });
  const given: {
    -readonly [K in keyof GivenBillingScheduleState]: GivenBillingScheduleState[K];
  } = {};
  const present = (field: string) => fields[field] !== undefined && fields[field] !== null;

  if (present('status')) {
    if (oneOf(STATUSES, fields['status'])) given.status = fields['status'];
    else problem('status', `must be one of ${STATUSES.join(', ')}`);
  }
  if (present('invoiceRunProcessingStatus')) {
    const value = fields['invoiceRunProcessingStatus'];
    if (oneOf(PROCESSING_STATUSES, value)) given.invoiceRunProcessingStatus = value;
    else problem('invoiceRunProcessingStatus', `must be one of ${PROCESSING_STATUSES.join(', ')}`);
  }
  if (present('nextChargeFromDate')) {
    const value = fields['nextChargeFromDate'];
    if (isCalendarDate(value)) given.nextChargeFromDate = value;
    else problem('nextChargeFromDate', 'must be a calendar date YYYY-MM-DD');
  }
  for (const field of ['nextBillingDate', 'billedThroughDate'] as const) {
    const value = fields[field];
    if (value === undefined) continue;
    if (value === null || isCalendarDate(value)) given[field] = value as CalendarDate | null;
    else problem(field, 'must be a calendar date YYYY-MM-DD or null');
  }
  for (const field of ['billedAmount', 'pendingAmount'] as const) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      problem(field, `must be a decimal string in ${currency}, such as "109.68"`);
      continue;
    }
    try {
      given[field] = parseMoney(value, currency);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problem(field, `${error.message} (${error.code})`);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, givenState: Object.keys(given).length === 0 ? undefined : given };
}
