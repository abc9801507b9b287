import { IsIn, IsString } from 'class-validator';
import type { MessageContract } from '../envelope/message-contract';
import { messageTypeRegistry } from '../envelope/message-type-registry';
import { parseMessage } from '../envelope/parse-message';
import { IsIdentifier } from '../fields/identifier';
import { ALL_CONTRACTS } from '../message-catalog';
import { Topics } from '../topics';
import { CONTRACT_UPCASTERS, upcasterRegistry, type Upcaster } from './upcaster-registry';

/*
 * A test-only message showing how a breaking change is made: version 1 of `InvoiceNoted` carried
 * `note`; version 2 renamed it `text` and added `language`. The old example payload must still parse.
 */
class InvoiceNotedData {
  @IsIdentifier()
  invoiceId!: string;

  @IsString()
  text!: string;

  @IsIn(['en', 'de'])
  language!: 'en' | 'de';
}

const InvoiceNoted: MessageContract<'InvoiceNoted', InvoiceNotedData> = {
  type: 'InvoiceNoted',
  schemaVersion: 2,
  topic: Topics.GroupResults,
  dataClass: InvoiceNotedData,
  keyOf: (data) => data.invoiceId,
};

const noteToText: Upcaster = {
  type: 'InvoiceNoted',
  fromVersion: 1,
  upcast: ({ note, ...rest }) => ({ ...rest, text: note, language: 'en' }),
};

const OLD_EXAMPLE_V1 = {
  messageId: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
  type: 'InvoiceNoted',
  schemaVersion: 1,
  data: { invoiceId: 'inv-1', note: 'Paid by wire' },
  metadata: {
    correlationId: 'run-1',
    causationId: 'cmd-1',
    groupingKey: null,
    runId: 'run-1',
    occurredAt: '2026-03-01T06:00:00Z',
    producer: 'test',
  },
};

describe('upcasting old versions of a message', () => {
  it('turns version 1 data into version 2 data', () => {
    const upcasters = upcasterRegistry([noteToText]);
    expect(upcasters.upcast('InvoiceNoted', 1, { invoiceId: 'inv-1', note: 'Paid by wire' })).toEqual({
      schemaVersion: 2,
      data: { invoiceId: 'inv-1', text: 'Paid by wire', language: 'en' },
    });
  });

  it('leaves data at a version without an upcaster unchanged', () => {
    const data = { invoiceId: 'inv-1', text: 'x', language: 'de' };
    expect(upcasterRegistry([noteToText]).upcast('InvoiceNoted', 2, data)).toEqual({
      schemaVersion: 2,
      data,
    });
  });

  it('chains upcasters across several versions', () => {
    const addSource: Upcaster = {
      type: 'InvoiceNoted',
      fromVersion: 2,
      upcast: (data) => ({ ...data, source: 'v1' }),
    };
    expect(
      upcasterRegistry([addSource, noteToText]).upcast('InvoiceNoted', 1, { invoiceId: 'i', note: 'n' }),
    ).toEqual({
      schemaVersion: 3,
      data: { invoiceId: 'i', text: 'n', language: 'en', source: 'v1' },
    });
  });

  it('refuses two upcasters from the same version of a type', () => {
    expect(() => upcasterRegistry([noteToText, noteToText])).toThrow(
      'Two upcasters from version 1 of InvoiceNoted',
    );
  });

  describe('when a consumer reads the old example payload', () => {
    it('parses it as the current version through the upcaster', () => {
      const registry = messageTypeRegistry([InvoiceNoted], upcasterRegistry([noteToText]));
      const result = parseMessage(registry, JSON.stringify(OLD_EXAMPLE_V1));
      if (!result.ok) throw new Error(result.reason);
      expect(result.message.schemaVersion).toBe(2);
      expect(result.message.data).toEqual({ invoiceId: 'inv-1', text: 'Paid by wire', language: 'en' });
    });

    it('rejects it when the upcaster is missing', () => {
      const result = parseMessage(
        messageTypeRegistry([InvoiceNoted], upcasterRegistry([])),
        JSON.stringify(OLD_EXAMPLE_V1),
      );
      expect(result.ok ? 'parsed' : result.reason).toBe(
        'schemaVersion: no upcaster from version 1 of InvoiceNoted (current 2)',
      );
    });

    it('reports an upcaster that throws on malformed old data as a problem of the data', () => {
      const strict: Upcaster = {
        ...noteToText,
        upcast: (data) => {
          if (typeof data['note'] !== 'string') throw new Error('note is not a string');
          return { invoiceId: data['invoiceId'], text: data['note'], language: 'en' };
        },
      };
      const broken = { ...OLD_EXAMPLE_V1, data: { invoiceId: 'inv-1', note: 42 } };
      const result = parseMessage(
        messageTypeRegistry([InvoiceNoted], upcasterRegistry([strict])),
        JSON.stringify(broken),
      );
      expect(result.ok ? 'parsed' : result.reason).toBe(
        'data: upcasting version 1 failed: note is not a string',
      );
    });
  });

  it.each(ALL_CONTRACTS.map((contract) => [contract.type, contract.schemaVersion] as const))(
    'the lib reads %s from version 1 up to its current version %i',
    (type, schemaVersion) => {
      expect(CONTRACT_UPCASTERS.upcast(type, 1, {}).schemaVersion).toBe(schemaVersion);
    },
  );
});
