import type { ReadModelQueries } from './read-model-queries';
import { waitFor } from './waiting';

/**
 * Waits until every billing projection's checkpoint has reached the last event of its types that the
 * event store holds now: what was written before the call is readable afterwards.
 */
export async function waitForReadModelsToCatchUp(
  queries: ReadModelQueries,
  options: { readonly timeoutMs: number; readonly intervalMs?: number },
): Promise<void> {
  const targets = await queries.projectionTargets();
  await waitFor(
    'the read models to catch up',
    async () => ((await queries.projectionsReached(targets)) ? true : undefined),
    options,
  );
}
