import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PgPoolConnection, PostgresEventStore } from '@invoice-engine/event-store';
import type { Pool } from 'pg';
import { TEST_PAYMENT_TERMS, TEST_TAX_RATES } from '../billing-schedules/reference-data';
import {
  dropSchemas,
  openTestPool,
  TEST_DATABASE_URL,
  TEST_KAFKA_BROKERS,
  uniqueSchemas,
  type TestSchemas,
} from '../infrastructure/test-database';
import { ReadModelQueries } from '../read-models/read-model-queries';
import { acquireBrokerLock, type BrokerLock } from './broker-lock';
import { freePort } from './free-port';
import {
  PipelineHarness,
  PIPELINE_SERVICES,
  type PipelineService,
  type PipelineSettings,
} from './pipeline-harness';
import { SchedulingApi } from './scheduling-api';

export interface PipelineEnvironmentOptions {
  /** Names the schemas, the consumer group suffix and the log directory. */
  readonly label: string;
  readonly logLevel?: string;
  readonly databasePoolSize?: number;
  readonly environment?: PipelineSettings['environment'];
  /** Keep the schemas after `close` (to inspect a failure); default false. */
  readonly keepSchemas?: boolean;
}

/** The repository root: the services' entry points and tsconfig are resolved from it. */
export const REPOSITORY_ROOT = resolve(__dirname, '..', '..', '..', '..');

/**
 * Everything one end-to-end test or bench run owns: the broker lock, its PostgreSQL schemas, the tax
 * rate and payment term files the services read, free ports, an event store client for seeding, the
 * read-model queries, and (once started) the pipeline's processes and the scheduling API.
 */
export class PipelineEnvironment {
  private harnessInstance: PipelineHarness | undefined;

  private constructor(
    readonly options: PipelineEnvironmentOptions,
    readonly schemas: TestSchemas,
    readonly settings: PipelineSettings,
    readonly pool: Pool,
    private readonly sql: PgPoolConnection,
    readonly eventStore: PostgresEventStore,
    readonly queries: ReadModelQueries,
    readonly api: SchedulingApi,
    private readonly lock: BrokerLock,
    private readonly workDirectory: string,
  ) {}

  static async open(options: PipelineEnvironmentOptions): Promise<PipelineEnvironment> {
    const lock = await acquireBrokerLock();
    const schemas = uniqueSchemas(options.label);
    const workDirectory = mkdtempSync(join(tmpdir(), `pipeline-${options.label}-`));
    const taxRatesFile = join(workDirectory, 'tax-rates.json');
    const paymentTermsFile = join(workDirectory, 'payment-terms.json');
    writeFileSync(taxRatesFile, JSON.stringify(TEST_TAX_RATES));
    writeFileSync(paymentTermsFile, JSON.stringify(TEST_PAYMENT_TERMS));
    const apiToken = `e2e-token-${randomUUID()}`;
    const settings: PipelineSettings = {
      repositoryRoot: REPOSITORY_ROOT,
      logDirectory: workDirectory,
      databaseUrl: TEST_DATABASE_URL,
      kafkaBrokers: TEST_KAFKA_BROKERS,
      schemas,
      groupSuffix: `-${schemas.eventStore.replace(/_es$/, '')}`,
      taxRatesFile,
      paymentTermsFile,
      apiToken,
      schedulingPort: await freePort(),
      projectorPort: await freePort(),
      ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
      ...(options.databasePoolSize === undefined ? {} : { databasePoolSize: options.databasePoolSize }),
      ...(options.environment === undefined ? {} : { environment: options.environment }),
    };
    const pool = openTestPool();
    const sql = PgPoolConnection.open({ connectionString: TEST_DATABASE_URL, max: 4 });
    const eventStore = new PostgresEventStore(sql, { schema: schemas.eventStore });
    await eventStore.migrate();
    return new PipelineEnvironment(
      options,
      schemas,
      settings,
      pool,
      sql,
      eventStore,
      new ReadModelQueries(pool, schemas),
      new SchedulingApi(`http://127.0.0.1:${settings.schedulingPort}`, apiToken),
      lock,
      workDirectory,
    );
  }

  /** Where the services' logs go (`<service>.<start>.log`). */
  get logDirectory(): string {
    return this.workDirectory;
  }

  get harness(): PipelineHarness {
    if (this.harnessInstance === undefined) throw new Error('the pipeline has not been started');
    return this.harnessInstance;
  }

  async startServices(only: readonly PipelineService[] = PIPELINE_SERVICES): Promise<PipelineHarness> {
    this.harnessInstance = await PipelineHarness.start(this.settings, only);
    return this.harnessInstance;
  }

  /** Stops the services, drops the schemas (unless kept), and releases the broker lock. */
  async close(): Promise<void> {
    try {
      await this.harnessInstance?.stop();
      await this.eventStore.close();
      await this.sql.close();
      if (this.options.keepSchemas !== true) await dropSchemas(this.pool, this.schemas);
      await this.pool.end();
    } finally {
      this.lock.release();
    }
  }

  /** Deletes the logs and files (call after a successful test; a failed one keeps them to read). */
  discardFiles(): void {
    rmSync(this.workDirectory, { recursive: true, force: true });
  }
}
