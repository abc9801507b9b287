import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageTypeRegistry } from '../../envelope/message-type-registry';
import { parseMessage } from '../../envelope/parse-message';
import { edited, readExample, REMOVED } from '../../example-payloads';
import { GroupInvoiced } from '../group-invoiced/group-invoiced';
import { GroupFailed } from './group-failed';

const examplePath = join(__dirname, 'group-failed.example.json');
const groupResults = messageTypeRegistry([GroupInvoiced, GroupFailed]);

function problemsOf(changes: Record<string, unknown>): string[] {
  const result = parseMessage(groupResults, JSON.stringify(edited(readExample(examplePath), changes)));
  if (result.ok) throw new Error('expected the message to be rejected');
  return result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

describe('GroupFailed', () => {
  it('parses its example payload, keyed by run id', () => {
    const result = parseMessage(groupResults, readFileSync(examplePath));
    if (!result.ok) throw new Error(result.reason);
    const { message } = result;
    if (message.type !== 'GroupFailed') throw new Error(`parsed as ${message.type}`);
    expect(message.data.errorLogs[0]?.code).toBe('TAX.RATE_NOT_FOUND');
    expect(GroupFailed.keyOf(message.data)).toBe(message.data.runId);
  });

  it('requires at least one error log naming the cause', () => {
    expect(problemsOf({ 'data.errorLogs': [] })).toEqual([
      'data.errorLogs: must name the cause in at least one error log',
    ]);
  });

  it('names the missing and malformed fields of an error log', () => {
    expect(
      problemsOf({
        'data.errorLogs.0.invoiceId': REMOVED,
        'data.errorLogs.0.severity': 'Fatal',
        'data.errorLogs.0.occurredAt': '2026-03-01 06:00:04',
      }),
    ).toEqual([
      'data.errorLogs[0].severity: must be one of the following values: Error, Warning',
      'data.errorLogs[0].invoiceId: is missing',
      'data.errorLogs[0].occurredAt: must be an ISO-8601 UTC instant such as 2026-11-26T08:35:16.000Z',
    ]);
  });
});
