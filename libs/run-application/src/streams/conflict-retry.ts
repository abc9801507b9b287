import { WrongExpectedRevisionError } from '@invoice-engine/event-store';

/** How many times a handler reloads and decides again after another writer got to a stream first. */
export const CONFLICT_ATTEMPTS = 5;

/**
 * Runs load → decide → append again when the append meets a newer stream: the handler reloads and
 * decides on what is there now (usually nothing is left to do). Other errors pass through.
 */
export async function retryOnConflict<Result>(work: () => Promise<Result>): Promise<Result> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= CONFLICT_ATTEMPTS) throw error;
    }
  }
}
