// class-transformer's @Type reads design types through reflect-metadata when the class is declared.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, MaxLength, IsString, IsNotEmpty, ValidateNested } from 'class-validator';
import { IsIdentifier } from '../../fields/identifier';

export const RUN_TRIGGER_TYPES = ['Scheduler', 'RunNow', 'BillNow', 'AdHoc'] as const;
export type RunTriggerType = (typeof RUN_TRIGGER_TYPES)[number];

/** What started a run (DOMAIN.md section 2); the `type` picks the shape. */
export class RunTrigger {
  @IsIn(RUN_TRIGGER_TYPES)
  type!: RunTriggerType;
}

/** An Active invoice batch scheduler fired. */
export class SchedulerFired extends RunTrigger {
  declare type: 'Scheduler';

  @IsIdentifier()
  schedulerId!: string;
}

/** A user asked a scheduler to run now. */
export class SchedulerRunNow extends RunTrigger {
  declare type: 'RunNow';

  @IsIdentifier()
  schedulerId!: string;
}

export const BILLED_RECORD_TYPES = ['BillingAccount', 'Order'] as const;

export class BilledRecord {
  @IsIn(BILLED_RECORD_TYPES)
  type!: (typeof BILLED_RECORD_TYPES)[number];

  @IsIdentifier()
  id!: string;
}

/** Bill Now for one account or order: a run restricted to it. */
export class BillNow extends RunTrigger {
  declare type: 'BillNow';

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => BilledRecord)
  billedRecord!: BilledRecord;
}

/** A run requested directly (API or operator) with its own criteria. */
export class AdHocRequest extends RunTrigger {
  declare type: 'AdHoc';

  /** The authenticated caller. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  requestedBy!: string;
}

export type AnyRunTrigger = SchedulerFired | SchedulerRunNow | BillNow | AdHocRequest;

/** Lets class-transformer build the subclass named by `type`; an unknown `type` stays a bare `RunTrigger`. */
export const RUN_TRIGGER_DISCRIMINATOR = {
  discriminator: {
    property: 'type',
    subTypes: [
      { name: 'Scheduler', value: SchedulerFired },
      { name: 'RunNow', value: SchedulerRunNow },
      { name: 'BillNow', value: BillNow },
      { name: 'AdHoc', value: AdHocRequest },
    ],
  },
  keepDiscriminatorProperty: true,
};
