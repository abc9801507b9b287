import { assertNever, DomainError, type CurrencyCode } from '@invoice-engine/kernel';

/** How a billing schedule's lines are grouped into invoices (the schedule's `invoiceGroupType`). */
export const InvoiceGroupType = {
  Default: 'Default',
  BillingSchedule: 'BillingSchedule',
  Custom: 'Custom',
} as const;
export type InvoiceGroupType = (typeof InvoiceGroupType)[keyof typeof InvoiceGroupType];

/** The fields of a billing schedule that decide its group; nothing else may influence the key. */
export interface GroupingFields {
  readonly billingScheduleId: string;
  readonly billingAccountId: string;
  readonly billToContactId: string | null;
  readonly currency: CurrencyCode;
  readonly paymentTermId: string | null;
  readonly taxEngineId: string | null;
  readonly legalEntityId: string | null;
  readonly savedPaymentMethodId: string | null;
  readonly invoiceGroupType: InvoiceGroupType;
  readonly customInvoiceGroupKey: string | null;
}

/**
 * The grouping key: schedules with equal keys share an invoice in a run. Formats (values escaped,
 * see `escapeValue`; an absent value is written as nothing):
 * - Default: `account=<id>|contact=<id>|currency=<code>|paymentTerm=<id>|taxEngine=<id>|legalEntity=<id>|paymentMethod=<id>`
 * - Custom: the Default key + `|custom=<custom key, trimmed and case-folded>`; Custom with a blank
 *   custom key is the Default key (default + nothing)
 * - BillingSchedule: `schedule=<billing schedule id>`
 */
export type GroupingKey = string & { readonly __brand: 'GroupingKey' };

export function groupingKeyOf(fields: GroupingFields): GroupingKey {
  switch (fields.invoiceGroupType) {
    case InvoiceGroupType.Default:
      return defaultKey(fields) as GroupingKey;
    case InvoiceGroupType.BillingSchedule:
      return `schedule=${required(fields.billingScheduleId, 'billingScheduleId')}` as GroupingKey;
    case InvoiceGroupType.Custom:
      return customKey(fields) as GroupingKey;
    default:
      return assertNever(fields.invoiceGroupType, 'invoice group type');
  }
}

function defaultKey(fields: GroupingFields): string {
  return [
    `account=${required(fields.billingAccountId, 'billingAccountId')}`,
    `contact=${escapeValue(fields.billToContactId)}`,
    `currency=${fields.currency}`,
    `paymentTerm=${escapeValue(fields.paymentTermId)}`,
    `taxEngine=${escapeValue(fields.taxEngineId)}`,
    `legalEntity=${escapeValue(fields.legalEntityId)}`,
    `paymentMethod=${escapeValue(fields.savedPaymentMethodId)}`,
  ].join('|');
}

function customKey(fields: GroupingFields): string {
  const custom = fields.customInvoiceGroupKey?.trim() ?? '';
  if (custom === '') return defaultKey(fields);
  return `${defaultKey(fields)}|custom=${escapeValue(caseFold(custom))}`;
}

/**
 * Case folding for the custom key. Lower, upper, lower again maps `ẞ`, `ß`, `SS` and `ss` alike
 * (a single lower or upper case does not); NFC first and last so that composed and decomposed
 * spellings of one letter fold the same.
 */
function caseFold(value: string): string {
  return value.normalize('NFC').toLowerCase().toUpperCase().toLowerCase().normalize('NFC');
}

function required(value: string, field: string): string {
  if (value.length === 0) {
    throw new DomainError('GROUPING.MISSING_FIELD', 'validation', `A grouping key needs a ${field}`);
  }
  return escapeValue(value);
}

/** `%`, `|` and `=` are escaped as in URLs, so no value can imitate a separator: the key is injective. */
function escapeValue(value: string | null): string {
  return (value ?? '').replace(
    /[%|=]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
