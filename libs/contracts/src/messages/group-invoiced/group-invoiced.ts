// class-transformer's @Type reads design types through reflect-metadata when the class is declared.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, ValidateNested } from 'class-validator';
import { RUN_INVOICE_STATUSES, type RunInvoiceStatus } from '../../billing-vocabulary';
import type { MessageContract } from '../../envelope/message-contract';
import { IsCurrency } from '../../fields/currency';
import { IsMoneyAmount } from '../../fields/money-amount';
import { Topics } from '../../topics';
import { GroupOutcomeData } from '../group-outcome';

export const GROUP_INVOICED_SCHEMA_VERSION = 1;

/** The amounts of a chunk's invoices in one currency; total = subtotal + tax. */
export class CurrencyAmounts {
  @IsCurrency()
  currency!: string;

  @IsMoneyAmount('currency')
  subtotal!: string;

  @IsMoneyAmount('currency')
  tax!: string;

  @IsMoneyAmount('currency')
  total!: string;
}

/**
 * A group chunk was invoiced: its invoices are Draft or Posted (all of one status, the run's) and
 * visible to users from now on. `errorLogs` may still hold warnings.
 */
export class GroupInvoicedData extends GroupOutcomeData {
  @IsIn(RUN_INVOICE_STATUSES)
  invoiceStatus!: RunInvoiceStatus;

  /** One entry per currency of the chunk's invoices (a grouping key has one currency, so usually one). */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique((amounts: CurrencyAmounts) => amounts.currency, { message: 'each currency must appear once' })
  @ValidateNested({ each: true })
  @Type(() => CurrencyAmounts)
  amounts!: CurrencyAmounts[];
}

export const GroupInvoiced: MessageContract<'GroupInvoiced', GroupInvoicedData> = {
  type: 'GroupInvoiced',
  schemaVersion: GROUP_INVOICED_SCHEMA_VERSION,
  topic: Topics.GroupResults,
  dataClass: GroupInvoicedData,
  keyOf: (data) => data.runId,
};
