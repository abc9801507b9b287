import { describe, expect, it } from '@jest/globals';
import { PendingOffsetCommits, type PartitionOffset } from './offset-commits';

function recordingCommits(): {
  requests: PartitionOffset[][];
  send: (offsets: readonly PartitionOffset[]) => Promise<void>;
} {
  const requests: PartitionOffset[][] = [];
  return {
    requests,
    send: (offsets) => {
      requests.push([...offsets]);
      return Promise.resolve();
    },
  };
}

describe('when messages of several partitions are handled', () => {
  it('commits once for all of them, each partition just after its last handled message', async () => {
    const commits = new PendingOffsetCommits({ everyMessages: 5, intervalMs: 60_000 });
    const { requests, send } = recordingCommits();
    commits.handled('work', 0, '10');
    commits.handled('work', 1, '3');
    commits.handled('work', 0, '11');
    commits.handled('results', 0, '7');
    expect(commits.isDue()).toBe(false);
    commits.handled('work', 1, '4');
    expect(commits.isDue()).toBe(true);

    await commits.commit(send);

    expect(requests).toEqual([
      [
        { topic: 'work', partition: 0, offset: '12' },
        { topic: 'work', partition: 1, offset: '5' },
        { topic: 'results', partition: 0, offset: '8' },
      ],
    ]);
    expect(commits.waiting()).toEqual([]);
    expect(commits.isDue()).toBe(false);
  });

  it('never moves a partition back when an older batch finishes late', () => {
    const commits = new PendingOffsetCommits({ everyMessages: 100, intervalMs: 60_000 });
    commits.handled('work', 0, '20');
    commits.handled('work', 0, '15');
    expect(commits.waiting()).toEqual([{ topic: 'work', partition: 0, offset: '21' }]);
  });
});

describe('when messages trickle in', () => {
  it('commits what is waiting once the interval has passed, and nothing when nothing waits', () => {
    let now = 1_000;
    const commits = new PendingOffsetCommits({ everyMessages: 100, intervalMs: 500 }, () => now);
    now += 600;
    expect(commits.isDue()).toBe(false);
    commits.handled('results', 3, '0');
    expect(commits.isDue()).toBe(true);
  });
});

describe('when the commit request fails', () => {
  it('keeps every offset waiting for the next commit and reports the failure', async () => {
    const commits = new PendingOffsetCommits({ everyMessages: 1, intervalMs: 60_000 });
    commits.handled('work', 0, '4');
    await expect(commits.commit(() => Promise.reject(new Error('rebalance in progress')))).rejects.toThrow(
      'rebalance in progress',
    );
    expect(commits.waiting()).toEqual([{ topic: 'work', partition: 0, offset: '5' }]);

    const { requests, send } = recordingCommits();
    await commits.commit(send);
    expect(requests).toEqual([[{ topic: 'work', partition: 0, offset: '5' }]]);
  });
});

describe('when a partition moves on while its commit is in flight', () => {
  it('keeps the newer offset waiting', async () => {
    const commits = new PendingOffsetCommits({ everyMessages: 1, intervalMs: 60_000 });
    commits.handled('work', 0, '4');
    commits.handled('work', 1, '9');
    await commits.commit((offsets) => {
      commits.handled('work', 0, '5');
      expect(offsets).toHaveLength(2);
      return Promise.resolve();
    });
    expect(commits.waiting()).toEqual([{ topic: 'work', partition: 0, offset: '6' }]);
  });

  it('sends a second commit only after the first one settled', async () => {
    const commits = new PendingOffsetCommits({ everyMessages: 1, intervalMs: 60_000 });
    const order: string[] = [];
    let release: () => void = () => undefined;
    commits.handled('work', 0, '1');
    const first = commits.commit(async (offsets) => {
      order.push(`first sent ${offsets.map((offset) => offset.offset).join()}`);
      commits.handled('work', 0, '2');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first settled');
    });
    await new Promise((resolve) => setImmediate(resolve));
    const second = commits.commit((offsets) => {
      order.push(`second sent ${offsets.map((offset) => offset.offset).join()}`);
      return Promise.resolve();
    });
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first sent 2', 'first settled', 'second sent 3']);
  });
});

describe('when many ask for a commit while one is in flight', () => {
  it('sends one more request for all of them', async () => {
    const commits = new PendingOffsetCommits({ everyMessages: 1, intervalMs: 60_000 });
    const requests: string[][] = [];
    let release: () => void = () => undefined;
    commits.handled('work', 0, '1');
    const first = commits.commit(async (offsets) => {
      requests.push(offsets.map((offset) => offset.offset));
      await new Promise<void>((resolve) => (release = resolve));
    });
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((offset) => {
      commits.handled('work', 0, String(offset));
      return commits.commit((offsets) => {
        requests.push(offsets.map((sent) => sent.offset));
        return Promise.resolve();
      });
    });
    release();
    await Promise.all([first, ...later]);
    expect(requests).toEqual([['2'], ['5']]);
  });
});

describe('after a rebalance', () => {
  it('forgets the partitions that went to another member', () => {
    const commits = new PendingOffsetCommits({ everyMessages: 100, intervalMs: 60_000 });
    commits.handled('work', 0, '4');
    commits.handled('work', 1, '9');
    commits.keepOnly((topic, partition) => topic === 'work' && partition === 1);
    expect(commits.waiting()).toEqual([{ topic: 'work', partition: 1, offset: '10' }]);
  });
});
