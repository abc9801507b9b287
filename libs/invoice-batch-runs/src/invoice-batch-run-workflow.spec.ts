import { deterministicId, foldEvents } from '@invoice-engine/kernel';
import { resumeRunProgress } from './generation-checkpoint';
import { reactToGroupOutcomes } from './group-outcome-workflow';
import { invoiceBatchRunDecider } from './invoice-batch-run-decider';
import type { InvoiceBatchRunEvent } from './invoice-batch-run-events';
import type { FilteredGroup, InvoiceBatchRunInstruction } from './invoice-batch-run-instructions';
import type { InvoiceBatchRunState } from './invoice-batch-run-state';
import {
  reactToFilteringFinished,
  reactToFilteringProgress,
  reactToRunEvent,
} from './invoice-batch-run-workflow';
import {
  domainErrorOf,
  exampleRequest,
  failedGroup,
  filteringCounts,
  minute,
  progressOf,
  runCommand,
  runCommands,
  sequenced,
  succeededGroup,
  RUN_ID,
} from './run-examples';
import { emptyRunProgress } from './run-progress';

const policy = { checkpointEveryGroups: 2 };
const now = minute(30);
const groups: readonly FilteredGroup[] = ['A', 'B', 'C'].map((groupingKey) => ({
  groupingKey,
  chunkIndex: 0,
  chunkCount: 1,
  billingScheduleIds: [`schedule-${groupingKey}`],
}));
const requested = [runCommand.request()];
const filteringStarted = [...requested, runCommand.startFiltering()];
const generationStarted = [
  ...filteringStarted,
  runCommand.completeFiltering(filteringCounts(3), 3),
  runCommand.startGeneration(),
];

function stateAfter(commands: Parameters<typeof runCommands>[0]): InvoiceBatchRunState {
  return runCommands(commands).state;
}

function typesOf(instructions: readonly InvoiceBatchRunInstruction[]): readonly string[] {
  return instructions.map((instruction) =>
    instruction.type === 'HandleRunCommand'
      ? instruction.command.type
      : instruction.type === 'Ignore'
        ? `Ignore:${instruction.reason}`
        : instruction.type,
  );
}

function lastEvent(commands: Parameters<typeof runCommands>[0]): InvoiceBatchRunEvent {
  const event = runCommands(commands).events.at(-1);
  if (event === undefined) throw new Error('no event');
  return event;
}

describe('when a run event is recorded', () => {
  it('starts filtering and asks the filtering service to scan when the run is requested', () => {
    const instructions = reactToRunEvent(
      stateAfter(requested),
      emptyRunProgress(RUN_ID),
      lastEvent(requested),
      now,
      policy,
    );
    expect(instructions).toEqual([
      {
        type: 'HandleRunCommand',
        command: { type: 'StartBillingSchedulesFiltering', runId: RUN_ID, startedAt: now },
      },
      { type: 'FilterBillingSchedules', request: exampleRequest() },
    ]);
  });

  it('moves on from each completed stage to the next', () => {
    const filtered = [...filteringStarted, runCommand.completeFiltering(filteringCounts(0), 0)];
    const summarizing = [
      ...filtered,
      runCommand.startGeneration(),
      runCommand.completeGeneration(progressOf([])),
    ];
    const react = (commands: typeof filtered) =>
      typesOf(
        reactToRunEvent(stateAfter(commands), emptyRunProgress(RUN_ID), lastEvent(commands), now, policy),
      );
    expect(react(filtered)).toEqual(['StartInvoiceGeneration']);
    expect(react(summarizing)).toEqual(['StartSummarization']);
    expect(react([...summarizing, runCommand.startSummarization()])).toEqual(['CompleteInvoiceBatchRun']);
    expect(react(filteringStarted)).toEqual(['Ignore:NoReaction']);
  });

  it('completes generation at once when every result arrived before it started, or none is expected', () => {
    const progress = progressOf(['A', 'B', 'C'].map((key) => succeededGroup(key)));
    const state = stateAfter(generationStarted);
    expect(typesOf(reactToRunEvent(state, progress, lastEvent(generationStarted), now, policy))).toEqual([
      'CompleteInvoiceGeneration',
    ]);
    const empty = [
      ...filteringStarted,
      runCommand.completeFiltering(filteringCounts(0), 0),
      runCommand.startGeneration(),
    ];
    expect(
      typesOf(reactToRunEvent(stateAfter(empty), emptyRunProgress(RUN_ID), lastEvent(empty), now, policy)),
    ).toEqual(['CompleteInvoiceGeneration']);
  });
});

describe('when filtering reports', () => {
  it('records progress, and on finishing records the work items expected before publishing them', () => {
    const state = stateAfter(filteringStarted);
    expect(typesOf(reactToFilteringProgress(state, RUN_ID, filteringCounts(1), now))).toEqual([
      'RecordBillingSchedulesFilteringProgress',
    ]);
    const [complete, publish] = reactToFilteringFinished(
      state,
      RUN_ID,
      { counts: filteringCounts(3), groups },
      now,
    );
    expect(complete?.type === 'HandleRunCommand' && complete.command).toMatchObject({ groupsExpected: 3 });
    expect(publish?.type === 'PublishGroupWorkItems' && publish.workItems[0]).toEqual({
      ...groups[0],
      workItemId: deterministicId('groupWorkItem', RUN_ID, 'A', '0'),
      runId: RUN_ID,
      invoiceStatus: 'Draft',
      targetDate: '2026-03-01',
      invoiceDate: '2026-03-01',
      billingPeriodCount: null,
    });
  });

  it('publishes nothing for a run with nothing eligible, and refuses a work item listed twice', () => {
    const state = stateAfter(filteringStarted);
    expect(
      typesOf(reactToFilteringFinished(state, RUN_ID, { counts: filteringCounts(0), groups: [] }, now)),
    ).toEqual(['CompleteBillingSchedulesFiltering']);
    const twice = { counts: filteringCounts(3), groups: [...groups, groups[0] as FilteredGroup] };
    expect(domainErrorOf(() => reactToFilteringFinished(state, RUN_ID, twice, now)).code).toBe(
      'INVOICE_BATCH_RUN.DUPLICATE_WORK_ITEM',
    );
  });

  it('ignores reports for an unknown or canceled run', () => {
    const canceled = stateAfter([...filteringStarted, runCommand.cancel()]);
    expect(typesOf(reactToFilteringProgress(canceled, RUN_ID, filteringCounts(1), now))).toEqual([
      'Ignore:RunCanceled',
    ]);
    expect(typesOf(reactToFilteringProgress(stateAfter([]), RUN_ID, filteringCounts(1), now))).toEqual([
      'Ignore:UnknownRun',
    ]);
  });
});

describe('when group results arrive', () => {
  const state = stateAfter(generationStarted);
  const start = emptyRunProgress(RUN_ID);

  it('folds them before generation started without a checkpoint', () => {
    const early = reactToGroupOutcomes(
      stateAfter(filteringStarted),
      start,
      sequenced([succeededGroup('A')]),
      now,
      policy,
    );
    expect(early.instructions).toEqual([]);
    expect(early.progress.counts.groupsCompleted).toBe(1);
  });

  it('checkpoints every N work items and completes when all are in', () => {
    expect(
      typesOf(reactToGroupOutcomes(state, start, sequenced([succeededGroup('A')]), now, policy).instructions),
    ).toEqual([]);
    const two = reactToGroupOutcomes(
      state,
      start,
      sequenced([succeededGroup('A'), failedGroup('B')]),
      now,
      policy,
    );
    expect(two.instructions).toEqual([
      {
        type: 'HandleRunCommand',
        command: {
          type: 'RecordInvoiceGenerationProgress',
          runId: RUN_ID,
          progress: two.progress,
          recordedAt: now,
        },
      },
    ]);
    const all = reactToGroupOutcomes(state, two.progress, sequenced([succeededGroup('C')], 2), now, policy);
    expect(typesOf(all.instructions)).toEqual(['CompleteInvoiceGeneration']);
  });

  it('ignores an outcome already counted', () => {
    const once = progressOf([succeededGroup('A')]);
    const reaction = reactToGroupOutcomes(state, once, sequenced([succeededGroup('A')]), now, policy);
    expect(typesOf(reaction.instructions)).toEqual(['Ignore:DuplicateGroupOutcome']);
    expect(reaction.progress).toEqual(once);
  });

  it('drops results of a canceled run and logs work items arriving after generation completed', () => {
    const canceled = stateAfter([...generationStarted, runCommand.cancel()]);
    expect(
      typesOf(
        reactToGroupOutcomes(canceled, start, sequenced([succeededGroup('A')]), now, policy).instructions,
      ),
    ).toEqual(['Ignore:RunCanceled']);
    const all = progressOf(['A', 'B', 'C'].map((key) => succeededGroup(key)));
    const completed = stateAfter([...generationStarted, runCommand.completeGeneration(all)]);
    const late = reactToGroupOutcomes(
      completed,
      all,
      [
        { sequence: 1, outcome: succeededGroup('A') },
        { sequence: 4, outcome: succeededGroup('D') },
      ],
      now,
      policy,
    );
    expect(typesOf(late.instructions)).toEqual([
      'Ignore:DuplicateGroupOutcome',
      'Ignore:RunFinished',
      'WriteErrorLog',
    ]);
    const log = late.instructions[2];
    expect(log?.type === 'WriteErrorLog' && log.errorLog).toMatchObject({
      category: 'Summarization',
      groupingKey: 'D',
    });
    expect(late.progress).toEqual(all);
  });
});

describe('a summarization service that restarts between checkpoints', () => {
  it('resumes from the run stream and counts redelivered results once', () => {
    const checkpointed = [
      ...generationStarted,
      runCommand.recordGeneration(progressOf([succeededGroup('A'), succeededGroup('B')])),
    ];
    const { events } = runCommands(checkpointed);
    const state = foldEvents(invoiceBatchRunDecider, events);
    const resumed = resumeRunProgress(state) ?? emptyRunProgress(RUN_ID);
    // Kafka redelivers everything after the last committed offset: B again (the store gave it
    // number 2 the first time), then C.
    const reaction = reactToGroupOutcomes(
      state,
      resumed,
      [
        { sequence: 2, outcome: succeededGroup('B') },
        { sequence: 3, outcome: succeededGroup('C') },
      ],
      now,
      policy,
    );
    const complete = reaction.instructions.find((instruction) => instruction.type === 'HandleRunCommand');
    const finished = runCommands(
      [
        ...(complete?.type === 'HandleRunCommand' ? [complete.command] : []),
        runCommand.startSummarization(),
        runCommand.completeRun(),
      ],
      { state, events },
    ).state;
    expect(finished.status === 'Completed' && finished.summary.totalInvoicesGenerated).toBe(3);
  });
});
