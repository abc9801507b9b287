import { money, zeroMoney } from '@invoice-engine/kernel';
import { invoiceBatchRunDecider } from './invoice-batch-run-decider';
import {
  invoiceBatchRunEventSchemaVersion,
  upcastInvoiceBatchRunEvent,
} from './invoice-batch-run-event-versions';
import type { InvoiceBatchRunEvent } from './invoice-batch-run-events';
import { evolveInvoiceBatchRun, initialInvoiceBatchRunState } from './invoice-batch-run-state';
import {
  domainErrorOf,
  failedGroup,
  filteringCounts,
  givenCommands,
  minute,
  progressOf,
  runCommand,
  runCommands,
  succeededGroup,
  RUN_ID,
  USD,
} from './run-examples';

const groupA = succeededGroup('A');
const groupB = succeededGroup('B', { subtotal: 20000n, tax: 1450n, schedules: 2 });
const generationStarted = [
  runCommand.request(),
  runCommand.startFiltering(),
  runCommand.completeFiltering(filteringCounts(3, { NotDue: 2 }), 2),
  runCommand.startGeneration(),
];
const oneRecorded = [...generationStarted, runCommand.recordGeneration(progressOf([groupA]))];
const generationCompleted = [
  ...generationStarted,
  runCommand.completeGeneration(progressOf([groupA, groupB])),
];
const summarizing = [...generationCompleted, runCommand.startSummarization()];

function typesOf(events: readonly InvoiceBatchRunEvent[]): readonly string[] {
  return events.map((event) => event.type);
}

describe('when invoice generation is under way', () => {
  it('checkpoints the cumulative counts, and nothing that grows with the number of groups', () => {
    const progress = progressOf([groupA]);
    expect(givenCommands(generationStarted).when(runCommand.recordGeneration(progress))).toEqual([
      {
        type: 'InvoiceGenerationProgressed',
        data: {
          runId: RUN_ID,
          counts: progress.counts,
          groupsExpected: 2,
          recordedAt: minute(5),
        },
      },
    ]);
  });

  it('adds nothing for the same checkpoint twice or an older one', () => {
    expect(
      givenCommands(oneRecorded).when(runCommand.recordGeneration(progressOf([groupA]), minute(6))),
    ).toEqual([]);
    expect(givenCommands(oneRecorded).when(runCommand.recordGeneration(progressOf([])))).toEqual([]);
  });

  it('checkpoints a later fold with its cumulative counts', () => {
    const both = progressOf([groupA, groupB]);
    const [event] = givenCommands(oneRecorded).when(runCommand.recordGeneration(both));
    expect(event?.type === 'InvoiceGenerationProgressed' && event.data.counts).toEqual(both.counts);
  });

  it('refuses progress with as many work items but other counts, or with counts that went down', () => {
    const otherOutcome = runCommand.recordGeneration(progressOf([groupB]));
    expect(domainErrorOf(() => givenCommands(oneRecorded).when(otherOutcome)).code).toBe(
      'INVOICE_BATCH_RUN.PROGRESS_DIVERGED',
    );
    const countedLess = runCommand.recordGeneration(
      progressOf([
        succeededGroup('C', { subtotal: 1n, tax: 0n }),
        succeededGroup('D', { subtotal: 1n, tax: 0n }),
      ]),
    );
    expect(domainErrorOf(() => givenCommands(oneRecorded).when(countedLess)).code).toBe(
      'INVOICE_BATCH_RUN.PROGRESS_DIVERGED',
    );
  });

  it('refuses more work items than filtering published', () => {
    const tooMany = runCommand.recordGeneration(progressOf([groupA, groupB, succeededGroup('C')]));
    expect(domainErrorOf(() => givenCommands(oneRecorded).when(tooMany)).code).toBe(
      'INVOICE_BATCH_RUN.MORE_GROUPS_THAN_EXPECTED',
    );
  });

  it('cannot complete while work items are outstanding', () => {
    const early = runCommand.completeGeneration(progressOf([groupA]));
    expect(domainErrorOf(() => givenCommands(oneRecorded).when(early)).code).toBe(
      'INVOICE_BATCH_RUN.GROUPS_OUTSTANDING',
    );
  });

  it('completes from the last checkpoint with only the completion', () => {
    const all = [...oneRecorded, runCommand.recordGeneration(progressOf([groupA, groupB]))];
    expect(
      typesOf(givenCommands(all).when(runCommand.completeGeneration(progressOf([groupA, groupB])))),
    ).toEqual(['InvoiceGenerationCompleted']);
  });

  it('records the progress first when completing straight from the start', () => {
    expect(
      typesOf(
        givenCommands(generationStarted).when(runCommand.completeGeneration(progressOf([groupA, groupB]))),
      ),
    ).toEqual(['InvoiceGenerationProgressed', 'InvoiceGenerationCompleted']);
  });
});

describe('when invoice generation completed', () => {
  it('takes the same completion or checkpoint again as a redelivery', () => {
    const all = progressOf([groupB, groupA]);
    expect(givenCommands(generationCompleted).when(runCommand.completeGeneration(all, minute(9)))).toEqual(
      [],
    );
    expect(givenCommands(generationCompleted).when(runCommand.recordGeneration(all, minute(9)))).toEqual([]);
  });

  it('starts summarization, once', () => {
    expect(givenCommands(generationCompleted).when(runCommand.startSummarization())).toEqual([
      { type: 'SummarizationStarted', data: { runId: RUN_ID, startedAt: minute(7) } },
    ]);
    expect(givenCommands(summarizing).when(runCommand.startSummarization(minute(8)))).toEqual([]);
  });
});

describe('when the run is being summarized', () => {
  it('completes with the summary when every group succeeded', () => {
    const [event] = givenCommands(summarizing).when(runCommand.completeRun());
    expect(event?.type).toBe('InvoiceBatchRunCompleted');
    expect(event?.type === 'InvoiceBatchRunCompleted' && event.data.summary).toMatchObject({
      totalFilteredBillingSchedules: 3,
      totalBillingSchedulesProcessed: 3,
      totalInvoicesGenerated: 2,
      totalDraftInvoices: 2,
      totalInvoicedAmount: money(50968n + 3695n + 21450n, USD),
    });
  });

  it('takes a second completion as a redelivery; the finished run can no longer be canceled', () => {
    const completed = [...summarizing, runCommand.completeRun()];
    expect(givenCommands(completed).when(runCommand.completeRun(minute(10)))).toEqual([]);
    expect(domainErrorOf(() => givenCommands(completed).when(runCommand.cancel())).code).toBe(
      'INVOICE_BATCH_RUN.ALREADY_FINISHED',
    );
  });
});

describe('when one group failed', () => {
  const failing = failedGroup('B', 2);
  const { state, events } = runCommands([
    ...generationStarted,
    runCommand.completeGeneration(progressOf([groupA, failing])),
    runCommand.startSummarization(),
    runCommand.completeRun(),
  ]);

  it('fails the run and still counts what succeeded', () => {
    const failed = events.at(-1);
    expect(failed?.type).toBe('InvoiceBatchRunFailed');
    expect(failed?.type === 'InvoiceBatchRunFailed' && failed.data).toMatchObject({
      groupsFailed: 1,
      failedAt: minute(8),
      summary: {
        totalFilteredBillingSchedules: 3,
        totalBillingSchedulesProcessed: 1,
        totalBillingSchedulesFailed: 2,
        totalInvoicesGenerated: 2,
        totalInvoicesProcessed: 1,
        totalInvoicesFailed: 1,
        totalDraftInvoices: 1,
        totalInvoicedAmount: money(54663n, USD),
        totalDraftInvoiceAmount: money(54663n, USD),
      },
    });
    expect(state.status).toBe('Failed');
    expect(
      state.status === 'NotRequested' ? [] : state.run.stages.map((stage) => stage.statusSubtype).slice(-2),
    ).toEqual(['InvoiceGenerationSummarizationInProgress', 'Failed']);
  });
});

describe('a whole run', () => {
  it('passes the status subtypes in the order of DOMAIN.md section 4, each at its own time', () => {
    const { state } = runCommands([
      ...generationStarted.slice(0, 2),
      runCommand.recordFiltering(filteringCounts(1, { NotDue: 2 })),
      runCommand.completeFiltering(filteringCounts(3, { NotDue: 2 }), 2),
      runCommand.startGeneration(),
      runCommand.recordGeneration(progressOf([groupA])),
      runCommand.recordGeneration(progressOf([groupA, groupB]), minute(5)),
      runCommand.completeGeneration(progressOf([groupA, groupB])),
      runCommand.startSummarization(),
      runCommand.completeRun(),
    ]);
    expect(state.status === 'NotRequested' ? [] : state.run.stages).toEqual([
      { statusSubtype: 'BillingSchedulesFilteringStarted', at: minute(1) },
      { statusSubtype: 'BillingSchedulesFilteringInProgress', at: minute(2) },
      { statusSubtype: 'BillingSchedulesFilteringCompleted', at: minute(3) },
      { statusSubtype: 'InvoiceGenerationStarted', at: minute(4) },
      { statusSubtype: 'InvoiceGenerationInProgress', at: minute(5) },
      { statusSubtype: 'InvoiceGenerationCompleted', at: minute(6) },
      { statusSubtype: 'InvoiceGenerationSummarizationInProgress', at: minute(7) },
      { statusSubtype: 'Completed', at: minute(8) },
    ]);
  });

  it('with nothing eligible still passes every stage and completes with zero counts', () => {
    const { state, events } = runCommands([
      runCommand.request(),
      runCommand.startFiltering(),
      runCommand.completeFiltering(filteringCounts(0, { NotDue: 4, OnHold: 1 }), 0),
      runCommand.startGeneration(),
      runCommand.completeGeneration(progressOf([])),
      runCommand.startSummarization(),
      runCommand.completeRun(),
    ]);
    expect(typesOf(events)).toEqual([
      'InvoiceBatchRunRequested',
      'BillingSchedulesFilteringStarted',
      'BillingSchedulesFilteringProgressed',
      'BillingSchedulesFilteringCompleted',
      'InvoiceGenerationStarted',
      'InvoiceGenerationProgressed',
      'InvoiceGenerationCompleted',
      'SummarizationStarted',
      'InvoiceBatchRunCompleted',
    ]);
    expect(state.status === 'Completed' && state.summary).toMatchObject({
      totalFilteredBillingSchedules: 0,
      totalInvoicesGenerated: 0,
      totalInvoicedAmount: zeroMoney(USD),
      totalDraftInvoiceAmount: zeroMoney(USD),
      excludedByReason: { NotDue: 4, OnHold: 1, Suspended: 0 },
      totalsByCurrency: {},
    });
  });
});

describe('a checkpoint written at schema version 1', () => {
  /** As the summarization service wrote it before version 2: with every work item counted since. */
  const versionOneCheckpoint = {
    runId: RUN_ID,
    groupsRecorded: [{ groupingKey: 'A', chunkIndex: 0, outcomeFingerprint: 'b1a0c3f2-fingerprint' }],
    counts: progressOf([groupA]).counts,
    groupsExpected: 2,
    recordedAt: minute(5),
  };

  it('reads as the current checkpoint, without the list of work items', () => {
    const upcast = upcastInvoiceBatchRunEvent('InvoiceGenerationProgressed', 1, versionOneCheckpoint);
    expect(upcast).toEqual({
      type: 'InvoiceGenerationProgressed',
      data: { runId: RUN_ID, counts: progressOf([groupA]).counts, groupsExpected: 2, recordedAt: minute(5) },
    });
    expect(invoiceBatchRunEventSchemaVersion('InvoiceGenerationProgressed')).toBe(2);
  });

  it('resumes the fold where it left off, so the next checkpoint follows it', () => {
    const { events } = runCommands(generationStarted);
    const state = [
      ...events,
      upcastInvoiceBatchRunEvent('InvoiceGenerationProgressed', 1, versionOneCheckpoint),
    ].reduce(evolveInvoiceBatchRun, initialInvoiceBatchRunState());
    expect(state.status === 'Started' && state.run.generation).toEqual(progressOf([groupA]));
    const both = progressOf([groupA, groupB]);
    const next = invoiceBatchRunDecider.decide(runCommand.completeGeneration(both), state);
    expect(typesOf(next)).toEqual(['InvoiceGenerationProgressed', 'InvoiceGenerationCompleted']);
  });

  it('leaves other events and current versions as they are', () => {
    const started = { runId: RUN_ID, groupsExpected: 2, startedAt: minute(4) };
    expect(upcastInvoiceBatchRunEvent('InvoiceGenerationStarted', 1, started)).toEqual({
      type: 'InvoiceGenerationStarted',
      data: started,
    });
  });
});
