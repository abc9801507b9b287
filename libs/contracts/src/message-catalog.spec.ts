import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageTypeRegistry } from './envelope/message-type-registry';
import { parseMessage } from './envelope/parse-message';
import { ALL_CONTRACTS, contractsOnTopic } from './message-catalog';
import { ALL_TOPICS, TOPIC_DEFINITIONS, Topics } from './topics';

const messagesDirectory = join(__dirname, 'messages');

function examplePayloads(): Array<[string, Buffer]> {
  return readdirSync(messagesDirectory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.example.json'))
    .sort()
    .map((file) => [file, readFileSync(join(messagesDirectory, file))]);
}

describe('the message catalog', () => {
  const everything = messageTypeRegistry(ALL_CONTRACTS);

  it('has one example payload per message type', () => {
    const exampleTypes = examplePayloads().map(
      ([, raw]) => (JSON.parse(raw.toString('utf8')) as { type: string }).type,
    );
    expect(exampleTypes.sort()).toEqual(ALL_CONTRACTS.map((contract) => contract.type).sort());
  });

  it.each(examplePayloads())('parses the example payload %s', (_file, raw) => {
    const result = parseMessage(everything, raw);
    expect(result.ok ? 'parsed' : result.reason).toBe('parsed');
  });

  it.each(examplePayloads())('keys the example %s by its topic key field', (_file, raw) => {
    const result = parseMessage(everything, raw);
    if (!result.ok) throw new Error(result.reason);
    const contract = ALL_CONTRACTS.find((candidate) => candidate.type === result.message.type);
    if (contract === undefined) throw new Error(`no contract for ${result.message.type}`);
    const keyField = TOPIC_DEFINITIONS[contract.topic].key;
    const data = result.message.data as unknown as Record<string, unknown>;
    expect((contract.keyOf as (data: unknown) => string)(data)).toBe(data[keyField]);
  });

  it('puts every message type on exactly one of the pipeline topics', () => {
    const onTopics = ALL_TOPICS.flatMap((topic) => contractsOnTopic(topic).map((contract) => contract.type));
    expect(onTopics.sort()).toEqual(ALL_CONTRACTS.map((contract) => contract.type).sort());
    expect(contractsOnTopic(Topics.TaxResults).map((contract) => contract.type)).toEqual([
      'TaxCalculated',
      'TaxCalculationFailed',
    ]);
  });

  it('refuses to register one type twice', () => {
    const [first] = ALL_CONTRACTS;
    expect(() => messageTypeRegistry([first, first])).toThrow(
      'Message type InvoiceBatchRunRequested is registered twice',
    );
  });
});
