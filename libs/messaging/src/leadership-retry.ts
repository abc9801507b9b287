/** Protocol errors a broker answers while a new topic's partition leaders are still being elected. */
const LEADERSHIP_SETTLING = new Set([
  'NOT_LEADER_FOR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_OR_PARTITION',
]);

export interface LeadershipRetryOptions {
  /** How long the leaders may take to settle before the error is rethrown. */
  readonly timeoutMs: number;
  readonly pauseMs: number;
  /** Runs between attempts, e.g. to make the client fetch fresh metadata. */
  readonly beforeRetry: () => Promise<unknown>;
}

function isLeadershipSettling(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' && LEADERSHIP_SETTLING.has(type);
}

/**
 * Runs `attempt` again while the broker says a partition has no leader yet (right after a topic was
 * created, or while the local broker is still electing leaders); any other error, or one that outlives
 * the timeout, is rethrown as it is.
 */
export async function retryWhileLeadershipSettles<T>(
  attempt: () => Promise<T>,
  options: LeadershipRetryOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isLeadershipSettling(error) || Date.now() + options.pauseMs > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
      await options.beforeRetry().catch(() => undefined);
    }
  }
}
