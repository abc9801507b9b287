import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Topics } from '@invoice-engine/contracts';
import { currencyCode, instant } from '@invoice-engine/kernel';
import { SettableClock } from '@invoice-engine/runtime';
import { invoiceBatchRunStream } from '../../streams/invoice-batch-run-stream';
import {
  openPipelineTestDatabase,
  type PipelineTestDatabase,
} from '../../test-support/pipeline-test-database.fixture';
import { RecordingPublisher } from '../../test-support/recording-publisher.fixture';
import { TestInfrastructureModule } from '../../test-support/test-infrastructure.module.fixture';
import { SchedulingModule } from '../scheduling.module';

const OPERATOR = 'operator-secret';
const VIEWER = 'viewer-secret';

let database: PipelineTestDatabase;
let app: INestApplication;
let baseUrl: string;
const publisher = new RecordingPublisher();
const clock = new SettableClock(instant('2026-01-31T09:00:00.000Z'));

beforeAll(async () => {
  database = await openPipelineTestDatabase('scheduling_http');
  const moduleRef = await Test.createTestingModule({
    imports: [
      TestInfrastructureModule.forPorts({
        eventStore: database.eventStore,
        publisher,
        clock,
        dataSource: database.dataSource,
      }),
      SchedulingModule.register({
        org: { defaultCurrency: currencyCode('USD'), maxTargetDateOffsetMonths: 12 },
        apiTokens: [
          { caller: 'ops', token: OPERATOR, roles: ['billing-operator'] },
          { caller: 'dashboard', token: VIEWER, roles: ['billing-viewer'] },
        ],
        timerEnabled: false,
        timerIntervalMs: 1000,
        producer: 'scheduling',
      }),
    ],
  }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  baseUrl = `http://127.0.0.1:${(app.getHttpServer() as { address(): AddressInfo }).address().port}`;
});

afterAll(async () => {
  await app.close();
  await database.close();
});

async function call(method: string, path: string, body?: unknown, token: string | null = OPERATOR) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as ResponseBody };
}

/** The JSON answers of the API as these tests read them. */
interface ResponseBody {
  readonly runId: string;
  readonly status: string;
  readonly error: { readonly code: string; readonly problems: readonly { readonly path: string }[] };
  readonly [field: string]: unknown;
}

const validRun = { targetDate: '2026-03-01', invoiceDate: '2026-03-01', invoiceStatus: 'Draft' };

describe('the scheduling HTTP API', () => {
  describe('POST /invoice-batch-runs', () => {
    it('answers 202 with the run id at once and records the run', async () => {
      const { status, body } = await call('POST', '/invoice-batch-runs', {
        ...validRun,
        criteria: { currencies: ['USD'], billingBatches: ['Batch-A', null] },
      });
      expect(status).toBe(202);
      expect(body.runId).toEqual(expect.any(String));
      const events = await database.eventStore.readStream(invoiceBatchRunStream(body.runId));
      expect(events[0]?.data).toMatchObject({
        criteria: { currencies: ['USD'], billingBatches: ['Batch-A', null], legalEntityIds: null },
        trigger: { type: 'AdHoc', requestedBy: 'ops' },
      });
      expect(publisher.on(Topics.InvoiceBatchRuns).at(-1)?.key).toBe(body.runId);

      const read = await call('GET', `/invoice-batch-runs/${body.runId}`, undefined, VIEWER);
      expect(read).toMatchObject({
        status: 200,
        body: { runId: body.runId, status: 'Started', statusSubtype: null },
      });
    });

    it('answers 400 listing every field problem', async () => {
      const { status, body } = await call('POST', '/invoice-batch-runs', {
        targetDate: '2026-02-30',
        invoiceDate: '01/03/2026',
        invoiceStatus: 'Final',
        billingPeriodCount: 13,
        criteria: { currencies: [], chargeTypes: ['Subscription'], billingBatches: [' '] },
        surprise: true,
      });
      expect(status).toBe(400);
      expect(body.error.code).toBe('REQUEST.INVALID');
      const paths = (body.error.problems as { path: string }[]).map((problem) => problem.path);
      expect(new Set(paths)).toEqual(
        new Set([
          'surprise',
          'targetDate',
          'invoiceDate',
          'invoiceStatus',
          'billingPeriodCount',
          'criteria.currencies',
          'criteria.chargeTypes',
          'criteria.billingBatches',
        ]),
      );
    });

    it('answers 422 TARGET_DATE_OUT_OF_RANGE beyond today + 12 months, recording nothing', async () => {
      const runId = 'far-future-run';
      const { status, body } = await call('POST', '/invoice-batch-runs', {
        ...validRun,
        runId,
        targetDate: '2027-02-01',
      });
      expect(status).toBe(422);
      expect(body.error.code).toBe('TARGET_DATE_OUT_OF_RANGE');
      expect(await database.eventStore.readStream(invoiceBatchRunStream(runId))).toHaveLength(0);
    });

    it('answers 409 when a run id is reused with other parameters', async () => {
      await call('POST', '/invoice-batch-runs', { ...validRun, runId: 'reused-run' });
      const again = await call('POST', '/invoice-batch-runs', {
        ...validRun,
        runId: 'reused-run',
        invoiceStatus: 'Posted',
      });
      expect(again.status).toBe(409);
    });

    it('answers 401 without a token and 403 for a viewer', async () => {
      expect((await call('POST', '/invoice-batch-runs', validRun, null)).status).toBe(401);
      expect((await call('POST', '/invoice-batch-runs', validRun, 'wrong')).status).toBe(401);
      expect((await call('POST', '/invoice-batch-runs', validRun, VIEWER)).status).toBe(403);
    });

    it('answers 404 for an unknown run', async () => {
      expect((await call('GET', '/invoice-batch-runs/no-such-run')).status).toBe(404);
    });
  });

  describe('POST /bill-now', () => {
    it('answers 202 with a run restricted to the billing account, dated today', async () => {
      const { status, body } = await call('POST', '/bill-now', { billingAccountId: 'acct-7' });
      expect(status).toBe(202);
      const [requested] = await database.eventStore.readStream(invoiceBatchRunStream(body.runId));
      expect(requested?.data).toMatchObject({
        targetDate: '2026-01-31',
        criteria: { billingAccountIds: ['acct-7'] },
        trigger: { type: 'BillNow', billedRecord: { type: 'BillingAccount', id: 'acct-7' } },
      });
    });

    it('answers 400 without a scope and 422 for an order', async () => {
      expect((await call('POST', '/bill-now', {})).body.error.code).toBe('BILL_NOW.MISSING_SCOPE');
      expect((await call('POST', '/bill-now', {})).status).toBe(400);
      expect((await call('POST', '/bill-now', { orderId: 'order-1' })).status).toBe(422);
      expect(
        (await call('POST', '/bill-now', { billingAccountId: 'a', targetDate: '2028-01-01' })).status,
      ).toBe(422);
    });
  });

  describe('schedulers', () => {
    const definition = {
      name: 'Monthly US',
      frequency: 'Monthly',
      monthlyDay: 1,
      startDate: '2026-02-01',
      preferredTime: '06:00',
      timeZone: 'America/New_York',
      invoiceStatus: 'Draft',
      targetDate: { kind: 'OffsetFromRunDate', days: 0 },
      invoiceDate: { kind: 'OffsetFromTargetDate', days: 0 },
    };

    it('creates, activates, reads and runs a scheduler now', async () => {
      const created = await call('POST', '/schedulers', { ...definition, schedulerId: 'sched-http' });
      expect(created).toMatchObject({ status: 201, body: { schedulerId: 'sched-http', status: 'Draft' } });
      expect((await call('POST', '/schedulers/sched-http/activate')).body.status).toBe('Active');
      expect((await call('GET', '/schedulers/sched-http', undefined, VIEWER)).body).toMatchObject({
        status: 'Active',
        definition: { name: 'Monthly US', criteria: { currencies: null } },
      });
      const run = await call('POST', '/schedulers/sched-http/run-now');
      expect(run.status).toBe(202);
      const [requested] = await database.eventStore.readStream(invoiceBatchRunStream(run.body.runId));
      expect(requested?.data).toMatchObject({ trigger: { type: 'RunNow', schedulerId: 'sched-http' } });
      expect((await call('PUT', '/schedulers/sched-http', definition)).status).toBe(409);
      expect((await call('POST', '/schedulers/sched-http/cancel')).body.status).toBe('Canceled');
    });

    it('answers 400 with the shape problems, then with the domain problems of the definition', async () => {
      const shape = await call('POST', '/schedulers', {
        ...definition,
        frequency: 'Hourly',
        startDate: 'soon',
      });
      expect(shape.status).toBe(400);
      expect((shape.body.error.problems as { path: string }[]).map((problem) => problem.path).sort()).toEqual(
        ['frequency', 'startDate'],
      );
      const rules = await call('POST', '/schedulers', {
        ...definition,
        frequency: 'Weekly',
        timeZone: 'Mars/Olympus',
      });
      expect(rules.status).toBe(400);
      expect(rules.body.error.code).toBe('SCHEDULER.INVALID_DEFINITION');
      expect((rules.body.error.problems as unknown[]).length).toBeGreaterThanOrEqual(2);
    });

    it('answers 404 for an unknown scheduler', async () => {
      expect((await call('POST', '/schedulers/nope/activate')).status).toBe(404);
      expect((await call('GET', '/schedulers/nope')).status).toBe(404);
    });
  });
});
