import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageTypeRegistry } from '../../envelope/message-type-registry';
import { parseMessage } from '../../envelope/parse-message';
import { edited, readExample, REMOVED } from '../../example-payloads';
import { GroupFailed } from '../group-failed/group-failed';
import { GroupInvoiced } from '../group-invoiced/group-invoiced';
import { FilteringCompleted } from './filtering-completed';

const examplePath = join(__dirname, 'filtering-completed.example.json');
const groupResults = messageTypeRegistry([GroupInvoiced, GroupFailed, FilteringCompleted]);

describe('FilteringCompleted', () => {
  it('parses its example payload, keyed by run id', () => {
    const result = parseMessage(groupResults, readFileSync(examplePath));
    if (!result.ok) throw new Error(result.reason);
    const { message } = result;
    if (message.type !== 'FilteringCompleted') throw new Error(`parsed as ${message.type}`);
    expect(message.data.groupsExpected).toBe(42);
    expect(FilteringCompleted.keyOf(message.data)).toBe(message.data.runId);
  });

  it('rejects a negative or fractional count and a missing run id, naming each', () => {
    const result = parseMessage(
      groupResults,
      JSON.stringify(
        edited(readExample(examplePath), { 'data.groupsExpected': -1.5, 'data.runId': REMOVED }),
      ),
    );
    if (result.ok) throw new Error('expected the message to be rejected');
    const paths = result.problems.map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(['data.groupsExpected', 'data.runId']));
  });
});
