import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { calendarDate, currencyCode, formatMoney, parseMoney } from '@invoice-engine/kernel';
import type { TaxRequest, TaxResult } from '@invoice-engine/tax';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpTaxEngineRequestBody } from './http-tax-answer';
import { HttpTaxEngine } from './http-tax-engine';

/** What the fake outside engine does with the n-th request (0-based). */
type Reply = { status: number; body: unknown } | 'hang';

let server: Server;
let url: string;
let received: HttpTaxEngineRequestBody[];
let reply: (attempt: number, body: HttpTaxEngineRequestBody) => Reply;

beforeAll(async () => {
  // A fake of the outside engine (a port of ours), on a real socket: the adapter's HTTP is what is tested.
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(text) as HttpTaxEngineRequestBody;
      received.push(body);
      const answer = reply(received.length - 1, body);
      if (answer === 'hang') return;
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/tax`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
});

const usd = currencyCode('USD');
const request: TaxRequest = {
  invoiceId: 'invoice-1',
  invoiceDate: calendarDate('2026-03-01'),
  currency: usd,
  billToAddress: { country: 'US', region: 'CA' },
  lines: [
    { lineId: 'line-1', taxCode: 'SW-STD', chargeAmount: parseMoney('109.68', usd) },
    { lineId: 'line-2', taxCode: 'SW-STD', chargeAmount: parseMoney('200.00', usd) },
  ],
};

const taxedAt725 = {
  status: 200,
  body: {
    lines: [
      { lineId: 'line-2', rate: '0.0725', taxAmount: '14.50' },
      { lineId: 'line-1', rate: '0.0725', taxAmount: '7.95' },
    ],
  },
};

function engine(options: { retries?: number; timeoutMs?: number } = {}): HttpTaxEngine {
  return new HttpTaxEngine({
    url,
    timeoutMs: options.timeoutMs ?? 1000,
    retries: options.retries ?? 2,
    backoffMs: 10,
  });
}

function summary(result: TaxResult): unknown {
  if (result.outcome === 'Failed') return result.failure;
  return result.lines.map((line) => [line.lineId, line.rate, formatMoney(line.taxAmount), line.taxStatus]);
}

describe('the HTTP tax engine adapter', () => {
  describe('when the engine answers', () => {
    it('posts the documented JSON and reads one tax per line, whatever order the engine answers in', async () => {
      reply = () => taxedAt725;
      const result = await engine().estimate(request);

      expect(summary(result)).toEqual([
        ['line-1', '0.0725', '7.95', 'Estimated'],
        ['line-2', '0.0725', '14.50', 'Estimated'],
      ]);
      expect(received).toEqual([
        {
          mode: 'Estimate',
          invoiceId: 'invoice-1',
          invoiceDate: '2026-03-01',
          currency: 'USD',
          billToAddress: { country: 'US', region: 'CA' },
          lines: [
            { lineId: 'line-1', taxCode: 'SW-STD', amount: '109.68' },
            { lineId: 'line-2', taxCode: 'SW-STD', amount: '200.00' },
          ],
        },
      ]);
    });

    it('commits for posting: mode CalculateAndCommit, tax status Posted', async () => {
      reply = () => taxedAt725;
      const result = await engine().calculateAndCommit(request);

      expect(received[0]?.mode).toBe('CalculateAndCommit');
      expect(result.outcome === 'Taxed' && result.lines.map((line) => line.taxStatus)).toEqual([
        'Posted',
        'Posted',
      ]);
    });
  });

  describe('when the engine fails for a while', () => {
    it('retries a 5xx with backoff and keeps the answer that finally comes', async () => {
      reply = (attempt) => (attempt < 2 ? { status: 503, body: { message: 'warming up' } } : taxedAt725);
      const result = await engine({ retries: 2 }).estimate(request);

      expect(received).toHaveLength(3);
      expect(result.outcome).toBe('Taxed');
    });

    it('gives up after the retries with TAX.ENGINE_UNAVAILABLE, retryable', async () => {
      reply = () => ({ status: 500, body: {} });
      const result = await engine({ retries: 1 }).estimate(request);

      expect(received).toHaveLength(2);
      expect(summary(result)).toMatchObject({ code: 'TAX.ENGINE_UNAVAILABLE', retryable: true });
    });

    it('aborts an attempt that outlasts the timeout and reports TAX.ENGINE_TIMEOUT, retryable', async () => {
      reply = () => 'hang';
      const started = Date.now();
      const result = await engine({ retries: 1, timeoutMs: 150 }).estimate(request);

      expect(received).toHaveLength(2);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(summary(result)).toMatchObject({ code: 'TAX.ENGINE_TIMEOUT', retryable: true });
    });

    it('reports an engine nobody listens on as TAX.ENGINE_UNAVAILABLE, retryable', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const nowhere = new HttpTaxEngine({
        url: `http://127.0.0.1:${port}/v1/tax`,
        timeoutMs: 500,
        retries: 0,
        backoffMs: 10,
      });

      expect(summary(await nowhere.estimate(request))).toMatchObject({
        code: 'TAX.ENGINE_UNAVAILABLE',
        retryable: true,
      });
    });
  });

  describe('when the engine refuses or answers nonsense', () => {
    it('does not retry a 4xx: TAX.ENGINE_REJECTED with the engine message, final', async () => {
      reply = () => ({ status: 400, body: { code: 'BAD_ADDRESS', message: 'region CA is not in DE' } });
      const result = await engine().estimate(request);

      expect(received).toHaveLength(1);
      expect(summary(result)).toMatchObject({ code: 'TAX.ENGINE_REJECTED', retryable: false });
      expect(result.outcome === 'Failed' && result.failure.message).toContain('region CA is not in DE');
    });

    it('keeps the meaning of RATE_NOT_FOUND', async () => {
      reply = () => ({ status: 422, body: { code: 'RATE_NOT_FOUND', message: 'no rate for SW-STD in FR' } });
      expect(summary(await engine().estimate(request))).toEqual({
        code: 'TAX.RATE_NOT_FOUND',
        message: 'no rate for SW-STD in FR',
        retryable: false,
      });
    });

    it('never reads a missing line or a malformed amount as zero tax', async () => {
      reply = () => ({
        status: 200,
        body: { lines: [{ lineId: 'line-1', rate: '0.0725', taxAmount: '7.95' }] },
      });
      expect(summary(await engine().estimate(request))).toMatchObject({
        code: 'TAX.ENGINE_REJECTED',
        retryable: false,
      });

      reply = () => ({
        status: 200,
        body: {
          lines: [
            { lineId: 'line-1', rate: '0.0725', taxAmount: '7.951' },
            { lineId: 'line-2', rate: '0.0725', taxAmount: '14.50' },
          ],
        },
      });
      const result = await engine().estimate(request);
      expect(result.outcome === 'Failed' && result.failure.message).toMatch(
        /line-1: "7.951" has more than the 2 minor digits/,
      );
    });
  });
});
