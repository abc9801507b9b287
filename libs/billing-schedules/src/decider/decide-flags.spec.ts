import { instant } from '@invoice-engine/kernel';
import { d, someTerms } from '../terms.fixture';
import { create, decideTwice, history, invoiceDue, stateOf, when, errorOf } from './decider.fixture';

const id = 'bs-1';

describe('when billing is held and released', () => {
  const hold = { type: 'HoldBilling', billingScheduleId: id } as const;
  const release = { type: 'ReleaseBillingHold', billingScheduleId: id } as const;

  it('records the hold', () => {
    expect(when(history(create()), hold)).toEqual([
      { type: 'BillingScheduleHeld', data: { billingScheduleId: id } },
    ]);
  });

  it('holds once: the same command twice yields no new event', () => {
    expect(decideTwice(history(create()), hold).second).toEqual([]);
  });

  it('records the release of a held schedule', () => {
    const held = history(create(), hold);
    expect(when(held, release)).toEqual([
      { type: 'BillingScheduleHoldReleased', data: { billingScheduleId: id } },
    ]);
    expect(stateOf([...held, ...when(held, release)])).toMatchObject({ terms: { holdBilling: false } });
  });

  it('releases once: the same command twice yields no new event', () => {
    expect(decideTwice(history(create(), hold), release).second).toEqual([]);
  });
});

describe('when the schedule is suspended and resumed', () => {
  const suspend = {
    type: 'SuspendBillingSchedule',
    billingScheduleId: id,
    from: d('2026-03-01'),
    resumeOn: null,
  } as const;
  const resume = { type: 'ResumeBillingSchedule', billingScheduleId: id, resumeOn: d('2026-05-01') } as const;

  it('records an open-ended suspension window', () => {
    expect(when(history(create()), suspend)).toEqual([
      {
        type: 'BillingScheduleSuspended',
        data: { billingScheduleId: id, suspension: { from: '2026-03-01', resumeOn: null } },
      },
    ]);
  });

  it('suspends once: the same command twice yields no new event', () => {
    expect(decideTwice(history(create()), suspend).second).toEqual([]);
  });

  it('closes the window on the resume date', () => {
    expect(when(history(create(), suspend), resume)).toEqual([
      {
        type: 'BillingScheduleResumed',
        data: { billingScheduleId: id, suspension: { from: '2026-03-01', resumeOn: '2026-05-01' } },
      },
    ]);
  });

  it('resumes once: the same command twice yields no new event', () => {
    expect(decideTwice(history(create(), suspend), resume).second).toEqual([]);
  });

  it('refuses to resume a schedule that is not suspended, or before the window starts', () => {
    expect(errorOf(() => when(history(create()), resume))).toMatchObject({
      code: 'BILLING_SCHEDULE.NOT_SUSPENDED',
    });
    const early = { ...resume, resumeOn: d('2026-03-01') };
    expect(errorOf(() => when(history(create(), suspend), early))).toMatchObject({
      code: 'BILLING_SCHEDULE.INVALID_SUSPENSION',
      kind: 'validation',
    });
  });
});

describe('when invoicing is enabled on a WillNotInvoice schedule', () => {
  const disabled = () => history(create(someTerms({ generateInvoice: false })));
  const enable = {
    type: 'EnableInvoicing',
    billingScheduleId: id,
    enabledAt: instant('2026-03-01T10:00:00.000Z'),
  } as const;

  it('switches the processing status to PendingBilling', () => {
    expect(when(disabled(), enable)).toMatchObject([
      {
        type: 'BillingScheduleInvoicingEnabled',
        data: {
          enabledAt: '2026-03-01T10:00:00.000Z',
          snapshot: { status: 'ReadyForInvoicing', invoiceRunProcessingStatus: 'PendingBilling' },
        },
      },
    ]);
  });

  it('enables once: the same command twice yields no new event', () => {
    expect(decideTwice(disabled(), enable).second).toEqual([]);
  });

  it('never lets a run that started before the switch bill it', () => {
    const given = [...disabled(), ...when(disabled(), enable)];
    const earlierRun = {
      ...invoiceDue(given, '2026-02-01'),
      runStartedAt: instant('2026-03-01T06:00:00.000Z'),
    };
    expect(errorOf(() => when(given, earlierRun))).toMatchObject({
      code: 'BILLING_SCHEDULE.RUN_STARTED_BEFORE_INVOICING_ENABLED',
      kind: 'illegal-state',
    });
    const laterRun = { ...earlierRun, runStartedAt: instant('2026-03-02T06:00:00.000Z') };
    expect(when(given, laterRun)).toMatchObject([{ type: 'BillingScheduleInvoiced' }]);
  });

  it('refuses lines while the schedule will not invoice', () => {
    expect(errorOf(() => when(disabled(), invoiceDue(disabled(), '2026-02-01')))).toMatchObject({
      code: 'BILLING_SCHEDULE.INVOICING_DISABLED',
    });
  });
});
