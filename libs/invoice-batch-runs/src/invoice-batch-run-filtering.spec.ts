import type { InvoiceBatchRunCommand } from './invoice-batch-run-commands';
import {
  domainErrorOf,
  exampleRequest,
  givenCommands,
  filteringCounts,
  minute,
  runCommand,
  runCommands,
  RUN_ID,
} from './run-examples';

const requested = [runCommand.request()];
const filteringStarted = [...requested, runCommand.startFiltering()];

describe('when no run was requested yet', () => {
  it('records the request', () => {
    expect(givenCommands([]).when(runCommand.request())).toEqual([
      { type: 'InvoiceBatchRunRequested', data: exampleRequest() },
    ]);
  });

  it('refuses any other command: the run does not exist', () => {
    expect(domainErrorOf(() => givenCommands([]).when(runCommand.startFiltering())).code).toBe(
      'INVOICE_BATCH_RUN.NOT_FOUND',
    );
  });

  it('rejects a request that could never run', () => {
    const tooManyPeriods = runCommand.request(exampleRequest({ billingPeriodCount: 13 }));
    const emptyCriterion = runCommand.request(
      exampleRequest({ criteria: { ...exampleRequest().criteria, legalEntityIds: [] } }),
    );
    expect(domainErrorOf(() => givenCommands([]).when(tooManyPeriods)).kind).toBe('validation');
    expect(domainErrorOf(() => givenCommands([]).when(emptyCriterion)).message).toMatch(/legalEntityIds/);
  });
});

describe('when the run was requested', () => {
  it('takes the same request again as a redelivery', () => {
    expect(givenCommands(requested).when(runCommand.request())).toEqual([]);
  });

  it('refuses another request under the same run id', () => {
    const other = runCommand.request(exampleRequest({ invoiceStatus: 'Posted' }));
    expect(domainErrorOf(() => givenCommands(requested).when(other)).code).toBe(
      'INVOICE_BATCH_RUN.ALREADY_REQUESTED',
    );
  });

  it('starts filtering, once', () => {
    expect(givenCommands(requested).when(runCommand.startFiltering())).toEqual([
      { type: 'BillingSchedulesFilteringStarted', data: { runId: RUN_ID, startedAt: minute(1) } },
    ]);
    expect(givenCommands(filteringStarted).when(runCommand.startFiltering(minute(2)))).toEqual([]);
  });

  it('cannot record filtering progress before filtering started', () => {
    const error = domainErrorOf(() =>
      givenCommands(requested).when(runCommand.recordFiltering(filteringCounts(1))),
    );
    expect(error.code).toBe('INVOICE_BATCH_RUN.STAGE_OUT_OF_ORDER');
  });

  it('refuses a command addressed to another run', () => {
    const command: InvoiceBatchRunCommand = {
      type: 'StartBillingSchedulesFiltering',
      runId: 'run-2',
      startedAt: minute(1),
    };
    expect(domainErrorOf(() => givenCommands(requested).when(command)).code).toBe(
      'INVOICE_BATCH_RUN.WRONG_RUN',
    );
  });
});

describe('when filtering is under way', () => {
  const counts = filteringCounts(3, { NotDue: 2, OnHold: 1 });
  const inProgress = [...filteringStarted, runCommand.recordFiltering(counts)];

  it('records cumulative counts by exclusion reason', () => {
    const [event] = givenCommands(filteringStarted).when(runCommand.recordFiltering(counts));
    expect(event).toEqual({
      type: 'BillingSchedulesFilteringProgressed',
      data: { runId: RUN_ID, counts, recordedAt: minute(2) },
    });
    expect(counts.billingSchedulesScanned).toBe(6);
  });

  it('adds nothing for the same checkpoint twice or an older one delivered late', () => {
    expect(givenCommands(inProgress).when(runCommand.recordFiltering(counts, minute(5)))).toEqual([]);
    expect(givenCommands(inProgress).when(runCommand.recordFiltering(filteringCounts(1)))).toEqual([]);
  });

  it('rejects counts where scanned is not selected + excluded', () => {
    const broken = { ...counts, billingSchedulesScanned: 7 };
    expect(domainErrorOf(() => givenCommands(inProgress).when(runCommand.recordFiltering(broken))).code).toBe(
      'INVOICE_BATCH_RUN.INVALID_FILTERING_COUNTS',
    );
  });

  it('completes with the number of work items published', () => {
    const final = filteringCounts(4, { NotDue: 2, OnHold: 1 });
    expect(givenCommands(inProgress).when(runCommand.completeFiltering(final, 2))).toEqual([
      {
        type: 'BillingSchedulesFilteringCompleted',
        data: { runId: RUN_ID, counts: final, groupsExpected: 2, completedAt: minute(3) },
      },
    ]);
  });

  it('records the final counts as progress when completing straight from the start', () => {
    const events = givenCommands(filteringStarted).when(runCommand.completeFiltering(counts, 2));
    expect(events.map((event) => event.type)).toEqual([
      'BillingSchedulesFilteringProgressed',
      'BillingSchedulesFilteringCompleted',
    ]);
  });

  it('takes final counts lower than a checkpoint of an earlier pass as the run counts', () => {
    // A pass restarted after a crash found a schedule put on hold since the first pass's checkpoint.
    const lower = filteringCounts(1, { OnHold: 1 });
    const events = givenCommands(inProgress).when(runCommand.completeFiltering(lower, 1));
    expect(events).toEqual([
      {
        type: 'BillingSchedulesFilteringCompleted',
        data: { runId: RUN_ID, counts: lower, groupsExpected: 1, completedAt: minute(3) },
      },
    ]);
    const { state } = runCommands([...inProgress, runCommand.completeFiltering(lower, 1)]);
    expect(state.status !== 'NotRequested' && state.run.filtering).toEqual(lower);
  });

  it('refuses work items without selected schedules', () => {
    const noSchedules = runCommand.completeFiltering(filteringCounts(0, { NotDue: 6 }), 1);
    expect(domainErrorOf(() => givenCommands(inProgress).when(noSchedules)).code).toBe(
      'INVOICE_BATCH_RUN.INVALID_GROUPS_EXPECTED',
    );
  });
});

describe('when filtering completed', () => {
  const counts = filteringCounts(3, { NotDue: 2 });
  const completed = [...filteringStarted, runCommand.completeFiltering(counts, 2)];

  it('takes the same completion again as a redelivery and ignores late checkpoints', () => {
    expect(givenCommands(completed).when(runCommand.completeFiltering(counts, 2, minute(9)))).toEqual([]);
    expect(givenCommands(completed).when(runCommand.recordFiltering(counts))).toEqual([]);
  });

  it('refuses a completion with other counts', () => {
    const other = runCommand.completeFiltering(counts, 3);
    expect(domainErrorOf(() => givenCommands(completed).when(other)).code).toBe(
      'INVOICE_BATCH_RUN.FILTERING_ALREADY_COMPLETED',
    );
  });

  it('starts invoice generation expecting the published work items, once', () => {
    expect(givenCommands(completed).when(runCommand.startGeneration())).toEqual([
      { type: 'InvoiceGenerationStarted', data: { runId: RUN_ID, groupsExpected: 2, startedAt: minute(4) } },
    ]);
    const started = [...completed, runCommand.startGeneration()];
    expect(givenCommands(started).when(runCommand.startGeneration(minute(5)))).toEqual([]);
  });

  it('cannot start summarization before invoice generation completed', () => {
    expect(domainErrorOf(() => givenCommands(completed).when(runCommand.startSummarization())).code).toBe(
      'INVOICE_BATCH_RUN.STAGE_OUT_OF_ORDER',
    );
  });
});

describe('when a user cancels the run', () => {
  it('cancels a requested or started run', () => {
    for (const history of [requested, filteringStarted]) {
      expect(givenCommands(history).when(runCommand.cancel())).toEqual([
        {
          type: 'InvoiceBatchRunCanceled',
          data: { runId: RUN_ID, canceledBy: 'user-7', reason: 'wrong target date', canceledAt: minute(9) },
        },
      ]);
    }
  });

  it('takes a second cancel as a redelivery and refuses any further stage', () => {
    const canceled = [...filteringStarted, runCommand.cancel()];
    expect(givenCommands(canceled).when(runCommand.cancel(minute(10)))).toEqual([]);
    const late = runCommand.completeFiltering(filteringCounts(0), 0);
    expect(domainErrorOf(() => givenCommands(canceled).when(late)).code).toBe('INVOICE_BATCH_RUN.CANCELED');
  });
});
