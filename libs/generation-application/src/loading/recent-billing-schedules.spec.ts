import type { EventStore, RecordedEvent } from '@invoice-engine/event-store';
import { billingScheduleOf, billingScheduleStream } from './billing-schedule-streams';
import { RecentBillingSchedules } from './recent-billing-schedules';

/** A store that has no events at all and remembers which streams it was asked for. */
function emptyStore(): { store: EventStore; asked: string[][] } {
  const asked: string[][] = [];
  const store = {
    readStreams(streams: readonly string[]) {
      asked.push([...streams]);
      return Promise.resolve(new Map<string, readonly RecordedEvent[]>());
    },
  } as unknown as EventStore;
  return { store, asked };
}

const kept = (id: string) => billingScheduleOf(id, []);

describe('the billing schedules kept between a work item and its tax result', () => {
  it('answers kept schedules from memory and reads only the others, in the order asked', async () => {
    const recent = new RecentBillingSchedules();
    const a = kept('bs-a');
    recent.remember([a]);
    const { store, asked } = emptyStore();

    const loaded = await recent.load(store, ['bs-b', 'bs-a']);

    expect(loaded.map((schedule) => schedule.billingScheduleId)).toEqual(['bs-b', 'bs-a']);
    expect(loaded[1]).toBe(a);
    expect(asked).toEqual([[billingScheduleStream('bs-b')]]);
  });

  it('does not ask the store when every schedule is kept, and reads again what was forgotten', async () => {
    const recent = new RecentBillingSchedules();
    recent.remember([kept('bs-a'), kept('bs-b')]);
    const { store, asked } = emptyStore();

    await recent.load(store, ['bs-a', 'bs-b']);
    recent.forget(['bs-a']);
    await recent.load(store, ['bs-a', 'bs-b']);

    expect(asked).toEqual([[billingScheduleStream('bs-a')]]);
  });

  it('keeps at most its bound: when full, the kept schedules stay and new ones are read later', async () => {
    const recent = new RecentBillingSchedules(2);
    recent.remember([kept('bs-1'), kept('bs-2')]);
    recent.remember([kept('bs-3')]);

    expect(recent.size).toBe(2);
    const { store, asked } = emptyStore();
    await recent.load(store, ['bs-1', 'bs-2', 'bs-3']);
    expect(asked).toEqual([[billingScheduleStream('bs-3')]]);
  });

  it('makes room when full by dropping schedules kept more than ten minutes ago', async () => {
    let now = 0;
    const recent = new RecentBillingSchedules(2, () => now);
    recent.remember([kept('bs-1')]);
    now = 5 * 60_000;
    recent.remember([kept('bs-2')]);
    now = 11 * 60_000;
    recent.remember([kept('bs-3')]);

    const { store, asked } = emptyStore();
    await recent.load(store, ['bs-1', 'bs-2', 'bs-3']);
    expect(asked).toEqual([[billingScheduleStream('bs-1')]]);
  });

  it('keeps nothing with a bound of 0 (the default of the handlers when nothing is shared)', () => {
    const recent = new RecentBillingSchedules(0);
    recent.remember([kept('bs-1')]);
    expect(recent.size).toBe(0);
    expect(() => new RecentBillingSchedules(-1)).toThrow('maxEntries');
  });
});
