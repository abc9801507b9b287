import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { MessageContract, MessageOf } from './message-contract';
import { MessageEnvelope } from './message-envelope';
import type { MessageTypeRegistry } from './message-type-registry';
import { cacheValidationMetadataLookups } from './validation-metadata-cache';
import { describeProblems, validationProblems, type ValidationProblem } from './validation-problems';

cacheValidationMetadataLookups();

export type ParseResult<Message> =
  | { readonly ok: true; readonly message: Message }
  | { readonly ok: false; readonly reason: string; readonly problems: readonly ValidationProblem[] };

type JsonObject = Readonly<Record<string, unknown>>;

// Unknown properties are dropped, not refused: adding a field is not a breaking change (tolerant reader).
const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: false,
  forbidUnknownValues: true,
} as const;

function rejected<Message>(problems: readonly ValidationProblem[]): ParseResult<Message> {
  return { ok: false, reason: describeProblems(problems), problems };
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decode(raw: string | Buffer | null): { json: unknown } | { problem: ValidationProblem } {
  if (raw === null) return { problem: { path: '', message: 'the message has no value' } };
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (error) {
    return { problem: { path: '', message: `the message is not JSON (${(error as Error).message})` } };
  }
}

/** Brings the data to the contract's current version, or says why it cannot. */
function currentData(
  registry: MessageTypeRegistry<MessageContract>,
  contract: MessageContract,
  schemaVersion: number,
  data: JsonObject,
): { data: JsonObject } | { problem: ValidationProblem } {
  if (schemaVersion > contract.schemaVersion) {
    const message = `version ${schemaVersion} of ${contract.type} is newer than version ${contract.schemaVersion} this consumer reads`;
    return { problem: { path: 'schemaVersion', message } };
  }
  try {
    const upcast = registry.upcasters.upcast(contract.type, schemaVersion, data);
    if (upcast.schemaVersion === contract.schemaVersion) return { data: upcast.data };
    const message = `no upcaster from version ${upcast.schemaVersion} of ${contract.type} (current ${contract.schemaVersion})`;
    return { problem: { path: 'schemaVersion', message } };
  } catch (error) {
    return {
      problem: {
        path: 'data',
        message: `upcasting version ${schemaVersion} failed: ${(error as Error).message}`,
      },
    };
  }
}

function dataProblems(
  registry: MessageTypeRegistry<MessageContract>,
  json: JsonObject,
): { problems: ValidationProblem[]; data?: object } {
  const { type, schemaVersion, data } = json;
  if (typeof type !== 'string') return { problems: [] };
  const contract = registry.contracts.get(type);
  if (contract === undefined) {
    const known = [...registry.contracts.keys()].join(', ');
    return {
      problems: [{ path: 'type', message: `unknown message type "${type}" (this consumer reads ${known})` }],
    };
  }
  // A bad version or non-object data is already reported by the envelope.
  if (!Number.isInteger(schemaVersion) || (schemaVersion as number) < 1 || !isJsonObject(data))
    return { problems: [] };
  const current = currentData(registry, contract, schemaVersion as number, data);
  if ('problem' in current) return { problems: [current.problem] };
  const instance = plainToInstance(contract.dataClass, current.data);
  return { problems: validationProblems(validateSync(instance, VALIDATOR_OPTIONS), 'data'), data: instance };
}

/**
 * The envelope as its class, `data` set as it is: the envelope only requires it to be an object (the
 * data class checks it), and class-transformer would otherwise copy the whole payload for nothing.
 */
function envelopeOf(json: JsonObject): MessageEnvelope {
  const { data, ...rest } = json;
  const envelope = plainToInstance(MessageEnvelope, rest);
  if ('data' in json) (envelope as { data: unknown }).data = data;
  return envelope;
}

/**
 * Parses a Kafka message value against the types a consumer reads. On failure the result lists every
 * problem of the envelope and of the data with its property path, ready to be the dead-letter reason.
 * Older versions are upcast, so a consumer only ever sees the current version of each type.
 */
export function parseMessage<Contract extends MessageContract>(
  registry: MessageTypeRegistry<Contract>,
  raw: string | Buffer | null,
): ParseResult<MessageOf<Contract>> {
  const decoded = decode(raw);
  if ('problem' in decoded) return rejected([decoded.problem]);
  if (!isJsonObject(decoded.json))
    return rejected([{ path: '', message: 'the message must be a JSON object' }]);
  const envelope = envelopeOf(decoded.json);
  const envelopeProblems = validationProblems(validateSync(envelope, VALIDATOR_OPTIONS), '');
  const { problems, data } = dataProblems(registry, decoded.json);
  const allProblems = [...envelopeProblems, ...problems];
  if (allProblems.length > 0 || data === undefined) return rejected(allProblems);
  const contract = registry.contracts.get(envelope.type) as Contract;
  const message = {
    messageId: envelope.messageId,
    type: envelope.type,
    schemaVersion: contract.schemaVersion,
    data,
    metadata: { ...envelope.metadata },
  };
  return { ok: true, message: message as MessageOf<Contract> };
}
