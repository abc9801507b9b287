import 'reflect-metadata';
import {
  billingScheduleDecider,
  type BillingScheduleCreated,
  type BillingScheduleStateImported,
  type BillingScheduleTerms,
  type GivenBillingScheduleState,
} from '@invoice-engine/billing-schedules';
import {
  BillingScheduleTerms as BillingScheduleTermsContract,
  validationProblems,
} from '@invoice-engine/contracts';
import { currencyCode, DomainError, parseMoney, type CalendarDate } from '@invoice-engine/kernel';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { givenStateFields } from './given-state-fields';
import type { LoadProblem, ScheduleRecord } from './schedule-records';

/**
 * A row that passed every check, with the events the billing-schedules decider made of it: the
 * creation, and the state the row gives (null when it gives none: derived from the start).
 */
export interface ValidSchedule {
  readonly row: number;
  readonly terms: BillingScheduleTerms;
  readonly created: BillingScheduleCreated;
  readonly imported: BillingScheduleStateImported | null;
}

export interface ScheduleValidation {
  readonly schedules: readonly ValidSchedule[];
  readonly problems: readonly LoadProblem[];
}

/** The same id rule as the contracts' `IsIdentifier`: it must work as a Kafka key and a stream name suffix. */
const IDENTIFIER = /^\S{1,200}$/;

/** Which field a terms rule of the billing-schedules lib is about, for the report. */
const FIELD_OF_CODE: Readonly<Record<string, string>> = {
  'BILLING_SCHEDULE.INVALID_BILLING_TERM': 'billingTerm',
  'BILLING_SCHEDULE.INVALID_BILL_DAY_OF_MONTH': 'billDayOfMonth',
  'BILLING_SCHEDULE.INVALID_TERM_UNIT': 'billingTermUnit',
  'BILLING_SCHEDULE.MISSING_CUSTOM_INVOICE_GROUP_KEY': 'customInvoiceGroupKey',
  'BILLING_SCHEDULE.INVALID_UNIT_PRICE': 'unitPrice',
  'BILLING_SCHEDULE.INVALID_QUANTITY': 'quantity',
  'BILLING_SCHEDULE.MISSING_TOTAL_AMOUNT': 'totalAmount',
  'BILLING_SCHEDULE.CURRENCY_MISMATCH': 'totalAmount',
  'BILLING_SCHEDULE.ORDER_AMOUNT_WITHOUT_END_DATE': 'endDate',
  'BILLING_SCHEDULE.END_BEFORE_START': 'endDate',
  'BILLING_SCHEDULE.INVALID_SUSPENSION': 'suspension.resumeOn',
  'BILLING_SCHEDULE.GIVEN_STATUS_PAIR_MISMATCH': 'invoiceRunProcessingStatus',
  'BILLING_SCHEDULE.GIVEN_STATUS_CONTRADICTS_GENERATE_INVOICE': 'invoiceRunProcessingStatus',
  'BILLING_SCHEDULE.GIVEN_STATUS_CONTRADICTS_POSITION': 'status',
  'BILLING_SCHEDULE.GIVEN_BILLED_THROUGH_DATE_MISMATCH': 'billedThroughDate',
  'BILLING_SCHEDULE.GIVEN_NEXT_CHARGE_FROM_DATE_NOT_A_PERIOD_START': 'nextChargeFromDate',
  'BILLING_SCHEDULE.GIVEN_NEXT_BILLING_DATE_BEFORE_NEXT_CHARGE_FROM_DATE': 'nextBillingDate',
  'BILLING_SCHEDULE.GIVEN_AMOUNTS_INCONSISTENT': 'pendingAmount',
  'BILLING_SCHEDULE.GIVEN_POSITION_WITHOUT_START_DATE': 'startDate',
};

/** Validated contract terms → the domain's terms: plain objects, branded codes, money as bigint. */
function domainTerms(id: string, contract: BillingScheduleTermsContract): BillingScheduleTerms {
  const currency = currencyCode(contract.currency);
  const { billToAddress, suspension } = contract;
  return {
    id,
    billingScheduleGroupId: contract.billingScheduleGroupId,
    billingAccountId: contract.billingAccountId,
    billToContactId: contract.billToContactId,
    currency,
    paymentTermId: contract.paymentTermId,
    legalEntityId: contract.legalEntityId,
    taxEngineId: contract.taxEngineId,
    taxCode: contract.taxCode,
    billToAddress:
      billToAddress === null ? null : { country: billToAddress.country, region: billToAddress.region },
    savedPaymentMethodId: contract.savedPaymentMethodId,
    invoiceGroupType: contract.invoiceGroupType,
    customInvoiceGroupKey: contract.customInvoiceGroupKey,
    billingBatch: contract.billingBatch,
    chargeType: contract.chargeType,
    billingMethod: contract.billingMethod,
    billingType: contract.billingType,
    billingTermUnit: contract.billingTermUnit,
    billingTerm: contract.billingTerm,
    pricingTermUnit: contract.pricingTermUnit,
    billDayOfMonth: contract.billDayOfMonth,
    partialPeriodTreatment: contract.partialPeriodTreatment,
    remainderStrategy: contract.remainderStrategy,
    unitPrice: contract.unitPrice,
    quantity: contract.quantity,
    totalAmount: contract.totalAmount === null ? null : parseMoney(contract.totalAmount, currency),
    startDate: contract.startDate as CalendarDate | null,
    endDate: contract.endDate as CalendarDate | null,
    cancellationDate: contract.cancellationDate as CalendarDate | null,
    suspension:
      suspension === null
        ? null
        : { from: suspension.from as CalendarDate, resumeOn: suspension.resumeOn as CalendarDate | null },
    activated: contract.activated,
    holdBilling: contract.holdBilling,
    generateInvoice: contract.generateInvoice,
  };
}

/** Every check of one row: the id, the terms contract (class-validator), then the decider's terms rules. */
function validateRecord(record: ScheduleRecord): ValidSchedule | LoadProblem[] {
  const { id, ...fields } = record.fields;
  const problems: LoadProblem[] = [];
  if (typeof id !== 'string' || !IDENTIFIER.test(id)) {
    problems.push({
      row: record.row,
      field: 'id',
      reason: 'must be an id of 1 to 200 characters without white space',
    });
  }
  const contract = plainToInstance(BillingScheduleTermsContract, fields);
  const errors = validateSync(contract, { whitelist: true, forbidUnknownValues: true });
  problems.push(
    ...validationProblems(errors, '').map((problem) => ({
      row: record.row,
      field: problem.path,
      reason: problem.message,
    })),
  );
  if (problems.length > 0 || typeof id !== 'string') return problems;
  const terms = domainTerms(id, contract);
  const given = givenStateFields(record, terms.currency);
  if (!given.ok) return [...given.problems];
  return decidedCreation(record.row, terms, given.givenState);
}

/** The billing-schedules decider's creation (and given state), its refusals as problems of the row. */
function decidedCreation(
  row: number,
  terms: BillingScheduleTerms,
  givenState: GivenBillingScheduleState | undefined,
): ValidSchedule | LoadProblem[] {
  try {
    const command = givenState === undefined ? { terms } : { terms, givenState };
    const [created, imported = null] = billingScheduleDecider.decide(
      { type: 'CreateBillingSchedule', ...command },
      billingScheduleDecider.initialState(),
    );
    if (created?.type !== 'BillingScheduleCreated')
      throw new Error(`Creating ${terms.id} decided no BillingScheduleCreated`);
    if (imported !== null && imported.type !== 'BillingScheduleStateImported')
      throw new Error(`Creating ${terms.id} decided ${imported.type}`);
    return { row, terms, created, imported };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return [{ row, field: FIELD_OF_CODE[error.code] ?? 'terms', reason: `${error.message} (${error.code})` }];
  }
}

/** Validates every row (never stopping at the first bad one) and reports ids given twice. */
export function validateScheduleRecords(records: readonly ScheduleRecord[]): ScheduleValidation {
  const schedules: ValidSchedule[] = [];
  const problems: LoadProblem[] = [];
  const firstRowOfId = new Map<string, number>();
  for (const record of records) {
    const id = record.fields['id'];
    if (typeof id === 'string') {
      const first = firstRowOfId.get(id);
      if (first !== undefined)
        problems.push({ row: record.row, field: 'id', reason: `${id} is already on row ${first}` });
      else firstRowOfId.set(id, record.row);
    }
    const result = validateRecord(record);
    if (Array.isArray(result)) problems.push(...result);
    else schedules.push(result);
  }
  return { schedules, problems };
}
