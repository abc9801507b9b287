import { Writable } from 'node:stream';
import { createAppLogger, loggerForMessage } from './logger';

describe('the JSON logger of a service', () => {
  it('writes one JSON line with the service and the message context', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createAppLogger('filtering', 'info', sink);
    loggerForMessage(logger, { correlationId: 'run-1', runId: 'run-1', messageId: 'm-1' }).info('filtered');
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({
      service: 'filtering',
      correlationId: 'run-1',
      runId: 'run-1',
      messageId: 'm-1',
      msg: 'filtered',
    });
  });
});
