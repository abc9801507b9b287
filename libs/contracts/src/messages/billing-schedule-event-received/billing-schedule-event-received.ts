// class-transformer's @Type reads design types through reflect-metadata when the class is declared.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import type { MessageContract } from '../../envelope/message-contract';
import { IsIdentifier } from '../../fields/identifier';
import { Topics } from '../../topics';
import {
  BILLING_SCHEDULE_CHANGE_DISCRIMINATOR,
  BillingScheduleChange,
  type AnyBillingScheduleChange,
} from './billing-schedule-changes';

export const BILLING_SCHEDULE_EVENT_RECEIVED_SCHEMA_VERSION = 1;

/**
 * The public ingress contract on `billing.schedule-events`: another internal service tells the engine
 * that a billing schedule was created, amended, put on or off hold, suspended, resumed or cancelled.
 * Keyed by billing schedule id, so the changes of one schedule arrive in order.
 */
export class BillingScheduleEventReceivedData {
  @IsIdentifier()
  billingScheduleId!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => BillingScheduleChange, BILLING_SCHEDULE_CHANGE_DISCRIMINATOR)
  event!: AnyBillingScheduleChange;
}

export const BillingScheduleEventReceived: MessageContract<
  'BillingScheduleEventReceived',
  BillingScheduleEventReceivedData
> = {
  type: 'BillingScheduleEventReceived',
  schemaVersion: BILLING_SCHEDULE_EVENT_RECEIVED_SCHEMA_VERSION,
  topic: Topics.BillingScheduleEvents,
  dataClass: BillingScheduleEventReceivedData,
  keyOf: (data) => data.billingScheduleId,
};
