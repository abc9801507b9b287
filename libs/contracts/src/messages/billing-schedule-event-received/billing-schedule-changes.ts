// class-transformer's @Type reads design types through reflect-metadata when the class is declared.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsObject, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../fields/calendar-date';
import { BillingScheduleTerms, Suspension } from './billing-schedule-terms';

export const BILLING_SCHEDULE_EVENT_KINDS = [
  'Created',
  'Amended',
  'HoldChanged',
  'Suspended',
  'Resumed',
  'Cancelled',
] as const;
export type BillingScheduleEventKind = (typeof BILLING_SCHEDULE_EVENT_KINDS)[number];

/** What happened to a billing schedule upstream; `kind` picks the shape. */
export class BillingScheduleChange {
  @IsIn(BILLING_SCHEDULE_EVENT_KINDS)
  kind!: BillingScheduleEventKind;
}

export class ScheduleCreated extends BillingScheduleChange {
  declare kind: 'Created';

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => BillingScheduleTerms)
  schedule!: BillingScheduleTerms;
}

/** The complete terms after the amendment, never a patch: nothing has to be merged downstream. */
export class ScheduleAmended extends BillingScheduleChange {
  declare kind: 'Amended';

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => BillingScheduleTerms)
  schedule!: BillingScheduleTerms;
}

export class ScheduleHoldChanged extends BillingScheduleChange {
  declare kind: 'HoldChanged';

  @IsBoolean()
  holdBilling!: boolean;
}

export class ScheduleSuspended extends BillingScheduleChange {
  declare kind: 'Suspended';

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => Suspension)
  suspension!: Suspension;
}

/** Ends the current suspension: service resumes on `resumeOn`. */
export class ScheduleResumed extends BillingScheduleChange {
  declare kind: 'Resumed';

  @IsCalendarDate()
  resumeOn!: string;
}

export class ScheduleCancelled extends BillingScheduleChange {
  declare kind: 'Cancelled';

  /** First day without service. */
  @IsCalendarDate()
  cancellationDate!: string;
}

export type AnyBillingScheduleChange =
  | ScheduleCreated
  | ScheduleAmended
  | ScheduleHoldChanged
  | ScheduleSuspended
  | ScheduleResumed
  | ScheduleCancelled;

/** Lets class-transformer build the subclass named by `kind`; an unknown `kind` stays a bare change. */
export const BILLING_SCHEDULE_CHANGE_DISCRIMINATOR = {
  discriminator: {
    property: 'kind',
    subTypes: [
      { name: 'Created', value: ScheduleCreated },
      { name: 'Amended', value: ScheduleAmended },
      { name: 'HoldChanged', value: ScheduleHoldChanged },
      { name: 'Suspended', value: ScheduleSuspended },
      { name: 'Resumed', value: ScheduleResumed },
      { name: 'Cancelled', value: ScheduleCancelled },
    ],
  },
  keepDiscriminatorProperty: true,
};
