import type {
  BillingScheduleCreated,
  BillingScheduleEvent,
  BillingScheduleStateImported,
  BillingScheduleTerms,
} from '@invoice-engine/billing-schedules';
import type { EventStore, StreamAppend } from '@invoice-engine/event-store';
import { deterministicId, streamName, StreamCategory, type EventEnvelope } from '@invoice-engine/kernel';
import type { Clock } from '@invoice-engine/runtime';
import { isDeepStrictEqual } from 'node:util';
import { canonicalJson } from './canonical-json';
import type { LoadProblem, ScheduleRecord } from './schedule-records';
import { validateScheduleRecords, type ValidSchedule } from './schedule-validation';

export interface ScheduleLoadOptions {
  /** Streams per `appendMany` (default 500). */
  readonly batchSize: number;
  /** Existing streams read at once while checking for schedules loaded before (default 16). */
  readonly readConcurrency: number;
}

export const DEFAULT_SCHEDULE_LOAD_OPTIONS: ScheduleLoadOptions = { batchSize: 500, readConcurrency: 16 };

/** What a load did: nothing (every problem listed) or the schedules it created and those already there. */
export type ScheduleLoadReport =
  | { readonly outcome: 'Rejected'; readonly problems: readonly LoadProblem[] }
  | { readonly outcome: 'Loaded'; readonly created: number; readonly alreadyLoaded: number };

/**
 * Loads billing schedules from a file's records: validates EVERY row and writes nothing if any row is
 * bad or any id already exists with another definition (terms, or the state a row gives); otherwise
 * appends per new schedule what the billing-schedules decider decided: `BillingScheduleCreated`, then
 * `BillingScheduleStateImported` when the row gives state fields, expected `no-stream`, in batches.
 * Event ids derive from the stream and the event's content, so loading the same file again writes
 * nothing new.
 * The code the billing intake service calls too.
 */
export class ScheduleLoader {
  constructor(
    private readonly eventStore: EventStore,
    private readonly clock: Clock,
    private readonly options: ScheduleLoadOptions = DEFAULT_SCHEDULE_LOAD_OPTIONS,
  ) {}

  /** `loadId` names this load in the events' correlation and causation ids (e.g. a hash of the file). */
  async load(
    loadId: string,
    records: readonly ScheduleRecord[],
    earlierProblems: readonly LoadProblem[] = [],
  ): Promise<ScheduleLoadReport> {
    const validation = validateScheduleRecords(records);
    const invalid = [...earlierProblems, ...validation.problems];
    if (invalid.length > 0) return { outcome: 'Rejected', problems: sortedProblems(invalid) };
    const { fresh, alreadyLoaded, conflicts } = await this.partition(validation.schedules);
    if (conflicts.length > 0) return { outcome: 'Rejected', problems: conflicts };
    for (let start = 0; start < fresh.length; start += this.options.batchSize) {
      const batch = fresh.slice(start, start + this.options.batchSize);
      await this.eventStore.appendMany(batch.map((schedule) => this.creation(loadId, schedule)));
    }
    return { outcome: 'Loaded', created: fresh.length, alreadyLoaded };
  }

  /** Splits the schedules into new ones, ones created before with the same terms, and conflicts. */
  private async partition(schedules: readonly ValidSchedule[]) {
    const fresh: ValidSchedule[] = [];
    const conflicts: LoadProblem[] = [];
    let alreadyLoaded = 0;
    for (let start = 0; start < schedules.length; start += this.options.readConcurrency) {
      const slice = schedules.slice(start, start + this.options.readConcurrency);
      const existing = await Promise.all(slice.map((schedule) => this.createdWith(schedule.terms.id)));
      slice.forEach((schedule, index) => {
        const creation = existing[index];
        if (creation === undefined || creation === null) fresh.push(schedule);
        else if (isDeepStrictEqual(creation, creationOf(schedule))) alreadyLoaded += 1;
        else {
          conflicts.push({
            row: schedule.row,
            field: 'id',
            reason: `billing schedule ${schedule.terms.id} already exists with a different definition`,
          });
        }
      });
    }
    return { fresh, alreadyLoaded, conflicts };
  }

  /** The terms and given state the schedule was created with, or null when its stream does not exist. */
  private async createdWith(id: string): Promise<Creation | null> {
    const [first, second] = await this.eventStore.readStream(streamName(StreamCategory.BillingSchedule, id));
    if (first === undefined) return null;
    if (first.type !== 'BillingScheduleCreated')
      throw new Error(`Stream of ${id} does not start with its creation`);
    const terms = (first.data as BillingScheduleCreated['data']).terms;
    if (second?.type !== 'BillingScheduleStateImported') return { terms, givenState: null };
    return { terms, givenState: (second.data as BillingScheduleStateImported['data']).snapshot };
  }

  private creation(loadId: string, schedule: ValidSchedule): StreamAppend {
    const stream = streamName(StreamCategory.BillingSchedule, schedule.terms.id);
    const decided: BillingScheduleEvent[] =
      schedule.imported === null ? [schedule.created] : [schedule.created, schedule.imported];
    const events = decided.map((event): EventEnvelope => ({
      messageId: deterministicId(stream, event.type, canonicalJson(contentOf(event))),
      type: event.type,
      schemaVersion: 1,
      data: event.data,
      metadata: {
        correlationId: loadId,
        causationId: loadId,
        groupingKey: null,
        runId: null,
        occurredAt: this.clock.now(),
        producer: 'schedule-loader',
      },
    }));
    return { stream, events, expectedRevision: 'no-stream' };
  }
}

/** What a load compares with a schedule already there: its terms and the state given with them. */
interface Creation {
  readonly terms: BillingScheduleTerms;
  readonly givenState: BillingScheduleStateImported['data']['snapshot'] | null;
}

function creationOf(schedule: ValidSchedule): Creation {
  return { terms: schedule.terms, givenState: schedule.imported?.data.snapshot ?? null };
}

/** What an event's id derives from: the terms for a creation (as before), the whole data otherwise. */
function contentOf(event: BillingScheduleEvent): unknown {
  return event.type === 'BillingScheduleCreated' ? event.data.terms : event.data;
}

function sortedProblems(problems: readonly LoadProblem[]): LoadProblem[] {
  return [...problems].sort((left, right) => left.row - right.row);
}
