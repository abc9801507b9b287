// Throughput of summarization: N group outcomes of one run fed to `SummarizeInvoiceBatchRun`
// against the real PostgreSQL event store and outcome table, the way the consumer feeds them (one
// message at a time, in partition order) and, when the handler has `handleBatch`, in partition batches.
// Run:
//   node -r @swc-node/register bench/summarization/summarize.bench.ts [--outcomes 10000]
//        [--checkpoint-every 100] [--batch 500] [--redelivered 0.05]
// Uses PostgreSQL on 127.0.0.1:5432 (db `test`, user `postgres`, or PG* variables) and throwaway
// schemas. Prints outcomes/s overall and for the first and the last tenth, so growth shows.
import { randomUUID } from 'node:crypto';
import type { GroupInvoicedData } from '@invoice-engine/contracts';
import { PgPoolConnection, PostgresEventStore } from '@invoice-engine/event-store';
import { excludedByReason, type InvoiceBatchRunCommand } from '@invoice-engine/invoice-batch-runs';
import { calendarDate, currencyCode, deterministicId, instant } from '@invoice-engine/kernel';
import { createReadModelDataSource } from '@invoice-engine/read-models';
import {
  appendRunCommands,
  DEFAULT_SUMMARIZATION_SETTINGS,
  loadInvoiceBatchRun,
  PostgresGroupOutcomeStore,
  SummarizeInvoiceBatchRun,
  type SummarizationMessage,
} from '@invoice-engine/run-application';
import { SettableClock } from '@invoice-engine/runtime';

const connection = {
  host: process.env['PGHOST'] ?? '127.0.0.1',
  port: Number(process.env['PGPORT'] ?? 5432),
  user: process.env['PGUSER'] ?? 'postgres',
  database: process.env['PGDATABASE'] ?? 'test',
};

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} needs a number ≥ 0`);
  return value;
}

const outcomes = option('--outcomes', 10_000);
const checkpointEveryGroups = option('--checkpoint-every', 100);
const batchSize = option('--batch', 500);
const redelivered = option('--redelivered', 0);
const clock = new SettableClock(instant('2026-03-01T06:00:00.000Z'));

async function openDatabases() {
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const eventStoreSchema = `es_summarization_bench_${suffix}`;
  const readModelSchema = `rm_summarization_bench_${suffix}`;
  const eventStore = new PostgresEventStore(PgPoolConnection.open({ ...connection, max: 4 }), {
    schema: eventStoreSchema,
    closeConnection: true,
  });
  await eventStore.migrate();
  const url = `postgres://${connection.user}@${connection.host}:${connection.port}/${connection.database}`;
  const dataSource = await createReadModelDataSource({
    kind: 'postgres',
    url,
    schema: readModelSchema,
    poolSize: 4,
  }).initialize();
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${readModelSchema}"`);
  return {
    eventStore,
    dataSource,
    async close() {
      await eventStore.close();
      await dataSource.query(`DROP SCHEMA IF EXISTS "${readModelSchema}" CASCADE`);
      await dataSource.query(`DROP SCHEMA IF EXISTS "${eventStoreSchema}" CASCADE`);
      await dataSource.destroy();
    },
  };
}

/** A run whose filtering completed with `groups` work items, as the filtering service leaves it. */
async function filteredRun(eventStore: PostgresEventStore, groups: number): Promise<string> {
  const runId = randomUUID();
  const now = clock.now();
  const counts = {
    billingSchedulesScanned: groups,
    billingSchedulesSelected: groups,
    excludedByReason: excludedByReason({}),
  };
  const commands: InvoiceBatchRunCommand[] = [
    {
      type: 'RequestInvoiceBatchRun',
      request: {
        runId,
        criteria: {
          currencies: null,
          billingBatches: null,
          legalEntityIds: null,
          billingAccountIds: null,
          chargeTypes: null,
        },
        targetDate: calendarDate('2026-03-01'),
        invoiceDate: calendarDate('2026-03-01'),
        invoiceStatus: 'Draft',
        billingPeriodCount: null,
        defaultCurrency: currencyCode('USD'),
        requestedAt: now,
        trigger: { type: 'AdHoc', requestedBy: 'summarization-bench' },
      },
    },
    { type: 'StartBillingSchedulesFiltering', runId, startedAt: now },
    { type: 'CompleteBillingSchedulesFiltering', runId, counts, groupsExpected: groups, completedAt: now },
  ];
  await appendRunCommands(eventStore, await loadInvoiceBatchRun(eventStore, runId), commands, {
    causationId: runId,
    correlationId: runId,
    runId,
    groupingKey: null,
    occurredAt: now,
    producer: 'summarization-bench',
  });
  return runId;
}

function groupInvoiced(runId: string, index: number): SummarizationMessage {
  const groupingKey = `account-${String(index).padStart(6, '0')}`;
  const data: GroupInvoicedData = {
    runId,
    groupingKey,
    chunkIndex: 0,
    chunkCount: 1,
    invoiceIds: [deterministicId(runId, groupingKey, '0')],
    billingSchedulesProcessed: 1,
    billingSchedulesFailed: 0,
    invoicesGenerated: 1,
    invoicesFailed: 0,
    errorLogs: [],
    invoiceStatus: 'Draft',
    amounts: [{ currency: 'USD', subtotal: '200.00', tax: '14.50', total: '214.50' }],
  };
  return { messageId: deterministicId('bench', runId, groupingKey), type: 'GroupInvoiced', data };
}

/** Every outcome once, in order, with a share of them delivered a second time a little later. */
function deliveries(runId: string): SummarizationMessage[] {
  const messages: SummarizationMessage[] = [];
  const every = redelivered > 0 ? Math.max(1, Math.round(1 / redelivered)) : 0;
  for (let index = 0; index < outcomes; index += 1) {
    messages.push(groupInvoiced(runId, index));
    if (every > 0 && index % every === every - 1) messages.push(groupInvoiced(runId, index - every + 1));
  }
  return messages;
}

interface BatchCapable {
  handleBatch(messages: readonly SummarizationMessage[]): Promise<unknown>;
}

function canBatch(handler: unknown): handler is BatchCapable {
  return typeof (handler as Partial<BatchCapable>).handleBatch === 'function';
}

async function measure(label: string, mode: 'message' | 'batch'): Promise<void> {
  const databases = await openDatabases();
  try {
    const store = new PostgresGroupOutcomeStore(databases.dataSource);
    await store.migrate();
    const summarize = new SummarizeInvoiceBatchRun(databases.eventStore, store, clock, {
      ...DEFAULT_SUMMARIZATION_SETTINGS,
      checkpointEveryGroups,
    });
    const runId = await filteredRun(databases.eventStore, outcomes);
    const messages = deliveries(runId);
    const step = mode === 'batch' ? batchSize : 1;
    const tenth = Math.max(1, Math.floor(messages.length / 10));
    const marks: bigint[] = [];
    const startedAt = process.hrtime.bigint();
    for (let from = 0; from < messages.length; from += step) {
      const slice = messages.slice(from, from + step);
      if (mode === 'batch' && canBatch(summarize)) await summarize.handleBatch(slice);
      else for (const message of slice) await summarize.handle(message);
      while (marks.length < Math.floor((from + slice.length) / tenth)) marks.push(process.hrtime.bigint());
    }
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    const perTenth = (end: bigint | undefined, start: bigint | undefined) =>
      end === undefined || start === undefined ? NaN : tenth / (Number(end - start) / 1e9);
    const { state } = await loadInvoiceBatchRun(databases.eventStore, runId);
    const counted = state.status === 'NotRequested' ? 0 : state.run.generation.counts.groupsCompleted;
    console.log(
      `${label}: ${messages.length} messages (${outcomes} outcomes) in ${seconds.toFixed(1)} s = ` +
        `${(outcomes / seconds).toFixed(0)} outcomes/s; first tenth ${perTenth(marks[0], startedAt).toFixed(0)}/s, ` +
        `last tenth ${perTenth(marks.at(-1), marks.at(-2)).toFixed(0)}/s; run ${state.status}, ${counted} counted`,
    );
    if (state.status !== 'Completed' || counted !== outcomes) {
      throw new Error(`the run should be Completed with ${outcomes} outcomes counted`);
    }
  } finally {
    await databases.close();
  }
}

async function main(): Promise<void> {
  console.log(
    `summarization bench: ${outcomes} outcomes, checkpoint every ${checkpointEveryGroups}, ` +
      `${redelivered * 100}% redelivered`,
  );
  await measure('one message at a time', 'message');
  const probe = new SummarizeInvoiceBatchRun(
    null as never,
    null as never,
    clock,
    DEFAULT_SUMMARIZATION_SETTINGS,
  );
  if (canBatch(probe)) await measure(`batches of ${batchSize}`, 'batch');
  else console.log('this version has no handleBatch: batches not measured');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
