import { WrongExpectedRevisionError } from '@invoice-engine/event-store';
import { TransientError } from '@invoice-engine/messaging';

/**
 * Runs load → decide → append again when a stream moved under it (a schedule amended meanwhile, a
 * concurrent redelivery). After `attempts` conflicts the message is handed back to the consumer as a
 * `TransientError`: it is retried later, with backoff, without committing its offset.
 */
export async function retryOnConflict<T>(attempts: number, work: () => Promise<T>): Promise<T> {
  let lastConflict: WrongExpectedRevisionError | undefined;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      lastConflict = error;
    }
  }
  throw new TransientError(`Still conflicting after ${attempts} attempts: ${lastConflict?.message ?? ''}`, {
    cause: lastConflict,
  });
}
