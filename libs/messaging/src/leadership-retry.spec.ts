import { retryWhileLeadershipSettles } from './leadership-retry';

const notLeader = Object.assign(new Error('This server is not the leader for that topic-partition'), {
  type: 'NOT_LEADER_FOR_PARTITION',
});

describe('retryWhileLeadershipSettles', () => {
  it('retries while the broker has no leader yet, refreshing metadata in between', async () => {
    const answers: (Error | string)[] = [notLeader, notLeader, 'offsets'];
    let refreshes = 0;
    const result = await retryWhileLeadershipSettles(
      () => {
        const next = answers.shift();
        return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
      },
      { timeoutMs: 1000, pauseMs: 1, beforeRetry: () => Promise.resolve((refreshes += 1)) },
    );
    expect(result).toBe('offsets');
    expect(refreshes).toBe(2);
  });

  it('rethrows any other error at once', async () => {
    let attempts = 0;
    const failure = new Error('topic authorization failed');
    await expect(
      retryWhileLeadershipSettles(
        () => {
          attempts += 1;
          return Promise.reject(failure);
        },
        { timeoutMs: 1000, pauseMs: 1, beforeRetry: () => Promise.resolve() },
      ),
    ).rejects.toBe(failure);
    expect(attempts).toBe(1);
  });

  it('gives up with the broker error once the leaders outlive the timeout', async () => {
    await expect(
      retryWhileLeadershipSettles(() => Promise.reject(notLeader), {
        timeoutMs: 20,
        pauseMs: 5,
        beforeRetry: () => Promise.resolve(),
      }),
    ).rejects.toBe(notLeader);
  });
});
