import { chunkGroup } from './chunk-group';

const limits = { linesPerInvoice: 4, schedulesPerWorkItem: 3 };

describe('chunking a group at the line limit', () => {
  it('keeps a small group in one chunk, schedules in id order', () => {
    expect(
      chunkGroup(
        'k',
        [
          { billingScheduleId: 'b', lineCount: 1 },
          { billingScheduleId: 'a', lineCount: 2 },
        ],
        limits,
      ),
    ).toEqual([{ groupingKey: 'k', chunkIndex: 0, chunkCount: 1, billingScheduleIds: ['a', 'b'] }]);
  });

  it('starts a new chunk when the next schedule would pass the limit, never splitting a schedule', () => {
    const chunks = chunkGroup(
      'k',
      [
        { billingScheduleId: 's1', lineCount: 3 },
        { billingScheduleId: 's2', lineCount: 2 },
        { billingScheduleId: 's3', lineCount: 2 },
      ],
      limits,
    );
    expect(chunks.map((chunk) => chunk.billingScheduleIds)).toEqual([['s1'], ['s2', 's3']]);
    expect(chunks.every((chunk) => chunk.chunkCount === 2)).toBe(true);
  });

  it('gives a schedule over the limit a chunk of its own', () => {
    const chunks = chunkGroup(
      'k',
      [
        { billingScheduleId: 'big', lineCount: 9 },
        { billingScheduleId: 'small', lineCount: 1 },
      ],
      limits,
    );
    expect(chunks.map((chunk) => chunk.billingScheduleIds)).toEqual([['big'], ['small']]);
  });

  it('caps the schedules per work item', () => {
    const schedules = ['a', 'b', 'c', 'd'].map((billingScheduleId) => ({ billingScheduleId, lineCount: 1 }));
    const chunks = chunkGroup('k', schedules, { linesPerInvoice: 100, schedulesPerWorkItem: 3 });
    expect(chunks.map((chunk) => chunk.billingScheduleIds)).toEqual([['a', 'b', 'c'], ['d']]);
  });
});
