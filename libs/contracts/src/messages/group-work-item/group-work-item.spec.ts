import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageTypeRegistry } from '../../envelope/message-type-registry';
import { parseMessage } from '../../envelope/parse-message';
import { edited, readExample } from '../../example-payloads';
import { GroupWorkItem, MAX_BILLING_SCHEDULES_PER_WORK_ITEM } from './group-work-item';

const examplePath = join(__dirname, 'group-work-item.example.json');
const registry = messageTypeRegistry([GroupWorkItem]);

function problemsOf(changes: Record<string, unknown>): string[] {
  const result = parseMessage(registry, JSON.stringify(edited(readExample(examplePath), changes)));
  if (result.ok) throw new Error('expected the message to be rejected');
  return result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

function scheduleIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `bs-${String(index).padStart(5, '0')}`);
}

describe('GroupWorkItem', () => {
  it('parses its example payload, keyed by grouping key', () => {
    const result = parseMessage(registry, readFileSync(examplePath));
    if (!result.ok) throw new Error(result.reason);
    expect(result.message.data.billingScheduleIds).toEqual(['bs-0001', 'bs-0002', 'bs-0003']);
    expect(GroupWorkItem.keyOf(result.message.data)).toBe(result.message.data.groupingKey);
  });

  it(`accepts exactly ${MAX_BILLING_SCHEDULES_PER_WORK_ITEM} billing schedules`, () => {
    const full = edited(readExample(examplePath), {
      'data.billingScheduleIds': scheduleIds(MAX_BILLING_SCHEDULES_PER_WORK_ITEM),
    });
    expect(parseMessage(registry, JSON.stringify(full)).ok).toBe(true);
  });

  it('rejects one billing schedule more than the limit, and an empty list', () => {
    expect(
      problemsOf({ 'data.billingScheduleIds': scheduleIds(MAX_BILLING_SCHEDULES_PER_WORK_ITEM + 1) }),
    ).toEqual(['data.billingScheduleIds: must contain no more than 2000 elements']);
    expect(problemsOf({ 'data.billingScheduleIds': [] })).toEqual([
      'data.billingScheduleIds: should not be empty',
    ]);
  });

  it('rejects a chunk index at or past the chunk count and a duplicated schedule id', () => {
    expect(
      problemsOf({ 'data.chunkIndex': 2, 'data.chunkCount': 2, 'data.billingScheduleIds': ['bs-1', 'bs-1'] }),
    ).toEqual([
      'data.chunkIndex: must be below chunkCount (chunks are numbered from 0)',
      "data.billingScheduleIds: All billingScheduleIds's elements must be unique",
    ]);
  });
});
