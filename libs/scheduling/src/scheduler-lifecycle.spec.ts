import { calendarDate, foldEvents, instant, type DomainError } from '@invoice-engine/kernel';
import type { InvoiceBatchSchedulerCommand } from './scheduler-commands';
import { invoiceBatchSchedulerDecider as decider } from './scheduler-decider';
import { aSchedulerDefinition } from './scheduler-definition.fixture';
import type { InvoiceBatchSchedulerEvent } from './scheduler-events';
import { validSchedulerDefinition } from './valid-scheduler-definition';

const schedulerId = 'scheduler-1';
const at = instant('2026-01-01T09:00:00Z');
const definition = validSchedulerDefinition(aSchedulerDefinition());
const editedDefinition = validSchedulerDefinition(aSchedulerDefinition({ preferredTime: '07:30' }));

const created: InvoiceBatchSchedulerEvent = {
  type: 'InvoiceBatchSchedulerCreated',
  data: { schedulerId, definition, createdAt: at },
};
const activated: InvoiceBatchSchedulerEvent = {
  type: 'InvoiceBatchSchedulerActivated',
  data: { schedulerId, activatedAt: at },
};
const deactivated: InvoiceBatchSchedulerEvent = {
  type: 'InvoiceBatchSchedulerDeactivated',
  data: { schedulerId, deactivatedAt: at },
};
const canceled: InvoiceBatchSchedulerEvent = {
  type: 'InvoiceBatchSchedulerCanceled',
  data: { schedulerId, canceledAt: at },
};

const create: InvoiceBatchSchedulerCommand = {
  type: 'CreateInvoiceBatchScheduler',
  data: { schedulerId, definition: aSchedulerDefinition(), requestedAt: at },
};
const edit: InvoiceBatchSchedulerCommand = {
  type: 'EditInvoiceBatchScheduler',
  data: { schedulerId, definition: aSchedulerDefinition({ preferredTime: '07:30' }), requestedAt: at },
};
const activate: InvoiceBatchSchedulerCommand = {
  type: 'ActivateInvoiceBatchScheduler',
  data: { schedulerId, requestedAt: at },
};
const deactivate: InvoiceBatchSchedulerCommand = {
  type: 'DeactivateInvoiceBatchScheduler',
  data: { schedulerId, requestedAt: at },
};
const cancel: InvoiceBatchSchedulerCommand = {
  type: 'CancelInvoiceBatchScheduler',
  data: { schedulerId, requestedAt: at },
};

function given(...history: readonly InvoiceBatchSchedulerEvent[]) {
  const state = foldEvents(decider, history);
  return {
    when: (command: InvoiceBatchSchedulerCommand) => ({
      then: (expected: readonly InvoiceBatchSchedulerEvent[]) =>
        expect(decider.decide(command, state)).toEqual(expected),
      thenFails: (code: string, kind: DomainError['kind']) =>
        expect(() => decider.decide(command, state)).toThrow(
          expect.objectContaining({ code, kind }) as Error,
        ),
    }),
  };
}

/** Applying the events a command produced and sending the command again produces nothing. */
function expectIdempotent(
  history: readonly InvoiceBatchSchedulerEvent[],
  command: InvoiceBatchSchedulerCommand,
): void {
  const first = decider.decide(command, foldEvents(decider, history));
  expect(first).toHaveLength(1);
  expect(decider.decide(command, foldEvents(decider, [...history, ...first]))).toEqual([]);
}

describe('invoice batch scheduler lifecycle', () => {
  describe('when no scheduler exists', () => {
    it('creates it as a Draft with the canonical definition', () => {
      given().when(create).then([created]);
      expect(foldEvents(decider, [created])).toMatchObject({ status: 'Draft', lastFireTime: null });
    });
    it('refuses an invalid definition, listing every problem', () => {
      const invalid: InvoiceBatchSchedulerCommand = {
        type: 'CreateInvoiceBatchScheduler',
        data: {
          schedulerId,
          definition: aSchedulerDefinition({ name: ' ', preferredTime: '25:00' }),
          requestedAt: at,
        },
      };
      expect(() => decider.decide(invalid, decider.initialState())).toThrow(
        /name must not be blank; preferredTime must be a time HH:mm/,
      );
    });
    it.each([edit, activate, deactivate, cancel])('refuses $type as not found', (command) => {
      given().when(command).thenFails('SCHEDULER.NOT_FOUND', 'not-found');
    });
  });

  describe('when the scheduler is a Draft', () => {
    it('creating it again with the same definition produces nothing', () => expectIdempotent([], create));
    it('creating it again with another definition is a conflict', () => {
      given(created)
        .when({ ...create, data: { ...create.data, definition: aSchedulerDefinition({ name: 'Other' }) } })
        .thenFails('SCHEDULER.ALREADY_EXISTS', 'conflict');
    });
    it('edits it; the same edit twice produces nothing', () => {
      given(created)
        .when(edit)
        .then([
          {
            type: 'InvoiceBatchSchedulerEdited',
            data: { schedulerId, definition: editedDefinition, editedAt: at },
          },
        ]);
      expectIdempotent([created], edit);
    });
    it('activates it; activating twice produces nothing', () => {
      given(created).when(activate).then([activated]);
      expectIdempotent([created], activate);
    });
    it('refuses to deactivate a scheduler that never ran', () => {
      given(created).when(deactivate).thenFails('SCHEDULER.NOT_ACTIVE', 'illegal-state');
    });
    it('cancels it; canceling twice produces nothing', () => {
      given(created).when(cancel).then([canceled]);
      expectIdempotent([created], cancel);
    });
  });

  describe('when the scheduler is Active', () => {
    it('refuses an edit that changes something', () => {
      given(created, activated).when(edit).thenFails('SCHEDULER.NOT_EDITABLE', 'illegal-state');
    });
    it('accepts a redelivered edit whose definition it already has', () => {
      given(created, activated)
        .when({ ...edit, data: { ...edit.data, definition: aSchedulerDefinition() } })
        .then([]);
    });
    it('deactivates it; deactivating twice produces nothing', () => {
      given(created, activated).when(deactivate).then([deactivated]);
      expectIdempotent([created, activated], deactivate);
    });
    it('cancels it', () => given(created, activated).when(cancel).then([canceled]));
  });

  describe('when the scheduler is Inactive', () => {
    it('edits it and keeps it Inactive', () => {
      given(created, activated, deactivated)
        .when(edit)
        .then([
          {
            type: 'InvoiceBatchSchedulerEdited',
            data: { schedulerId, definition: editedDefinition, editedAt: at },
          },
        ]);
      expectIdempotent([created, activated, deactivated], edit);
      const state = foldEvents(decider, [
        created,
        activated,
        deactivated,
        {
          type: 'InvoiceBatchSchedulerEdited',
          data: { schedulerId, definition: editedDefinition, editedAt: at },
        },
      ]);
      expect(state).toMatchObject({ status: 'Inactive', definition: { preferredTime: '07:30' } });
    });
    it('activates it again', () => given(created, activated, deactivated).when(activate).then([activated]));
  });

  describe('when the scheduler is Canceled', () => {
    it.each([edit, activate, deactivate])('refuses $type: canceling is final', (command) => {
      given(created, activated, canceled).when(command).thenFails('SCHEDULER.CANCELED', 'illegal-state');
    });
    it('accepts a repeated cancel without a new event', () => given(created, canceled).when(cancel).then([]));
  });

  it('stores the definition in canonical form so a reordered resend is the same', () => {
    const weekly = aSchedulerDefinition({
      frequency: 'Weekly',
      weeklyDays: ['Friday', 'Monday'],
      holidays: [calendarDate('2026-12-25'), calendarDate('2026-01-01'), calendarDate('2026-12-25')],
    });
    const [event] = decider.decide(
      { type: 'CreateInvoiceBatchScheduler', data: { schedulerId, definition: weekly, requestedAt: at } },
      decider.initialState(),
    );
    expect(event?.data).toMatchObject({
      definition: { weeklyDays: ['Monday', 'Friday'], holidays: ['2026-01-01', '2026-12-25'] },
    });
    const resent = { ...weekly, weeklyDays: ['Monday', 'Friday'] as const };
    const history = event === undefined ? [] : [event];
    given(...history)
      .when({
        type: 'CreateInvoiceBatchScheduler',
        data: { schedulerId, definition: resent, requestedAt: at },
      })
      .then([]);
  });
});
