import { pipelineTopicSpecs, Topics, type TopicName } from '@invoice-engine/contracts';
import {
  createKafkaClient,
  ensureTopics,
  kafkaConnectionConfig,
  silentMessagingLogger,
} from '@invoice-engine/messaging';
import type { TestSchemas } from '../infrastructure/test-database';
import { KafkaTestAdmin, type GroupTopics, type TopicOffsets } from '../infrastructure/kafka-test-admin';
import { ServiceProcess, type ServiceAttempt, type ServiceDefinition } from './service-process';

/** The long-running services of the distributed mode, each started as its own process. */
export const PIPELINE_SERVICES = [
  'projector',
  'scheduling',
  'filtering',
  'invoice-generation',
  'tax',
  'summarization',
] as const;
export type PipelineService = (typeof PIPELINE_SERVICES)[number];

/** The topics each service consumes (its consumer group is `<service><KAFKA_GROUP_SUFFIX>`). */
export const CONSUMED_TOPICS: Readonly<Record<PipelineService, readonly TopicName[]>> = {
  projector: [],
  scheduling: [],
  filtering: [Topics.InvoiceBatchRuns],
  'invoice-generation': [Topics.GroupWork],
  tax: [Topics.TaxRequests],
  summarization: [Topics.GroupResults],
};

/**
 * Topics a service consumes in a consumer group of its own, `<service>.<name><KAFKA_GROUP_SUFFIX>`
 * (invoice generation: `INVOICE_GENERATION_DEDICATED_GROUPS` of generation-application).
 */
export const DEDICATED_CONSUMER_GROUPS: readonly {
  readonly service: PipelineService;
  readonly name: string;
  readonly topics: readonly TopicName[];
}[] = [{ service: 'invoice-generation', name: 'tax-results', topics: [Topics.TaxResults] }];

export interface PipelineSettings {
  readonly repositoryRoot: string;
  readonly logDirectory: string;
  readonly databaseUrl: string;
  readonly kafkaBrokers: readonly string[];
  readonly schemas: TestSchemas;
  /** Makes this pipeline's consumer groups its own (`KAFKA_GROUP_SUFFIX`). */
  readonly groupSuffix: string;
  readonly taxRatesFile: string;
  readonly paymentTermsFile: string;
  /** Bearer token of the scheduling API (granted operator and viewer). */
  readonly apiToken: string;
  readonly schedulingPort: number;
  readonly projectorPort: number;
  readonly logLevel?: string;
  readonly databasePoolSize?: number;
  /** Extra environment per service (`FILTERING_PROGRESS_EVERY`, …). */
  readonly environment?: Partial<Record<PipelineService, Readonly<Record<string, string>>>>;
}

const ENTRY_POINTS: Readonly<Record<PipelineService, string>> = {
  projector: 'apps/projector/src/main.ts',
  scheduling: 'apps/scheduling/src/main.ts',
  filtering: 'apps/filtering/src/main.ts',
  'invoice-generation': 'apps/invoice-generation/src/main.ts',
  tax: 'apps/tax/src/main.ts',
  summarization: 'apps/summarization/src/main.ts',
};

function ownEnvironment(service: PipelineService, settings: PipelineSettings): Record<string, string> {
  switch (service) {
    case 'projector':
      return { HEALTH_PORT: String(settings.projectorPort) };
    case 'scheduling':
      return {
        HTTP_PORT: String(settings.schedulingPort),
        API_TOKENS: `e2e:billing-operator+billing-viewer:${settings.apiToken}`,
        DEFAULT_CURRENCY: 'USD',
        SCHEDULER_TIMER_ENABLED: 'false',
      };
    case 'filtering':
      return {};
    case 'invoice-generation':
      return {
        PAYMENT_TERMS_FILE: settings.paymentTermsFile,
        INVOICE_NUMBER_SCHEMA: settings.schemas.invoiceNumbers,
      };
    case 'tax':
      return { TAX_RATES_FILE: settings.taxRatesFile };
    case 'summarization':
      return {};
  }
}

/**
 * The whole distributed pipeline for one test or bench run: every service its own Node process on the
 * real broker and PostgreSQL, pointed at the run's own schemas, with consumer groups of its own placed
 * at the current end of every topic before anything starts (so no earlier message of another run is
 * consumed, and nothing published after the start is missed).
 */
export class PipelineHarness {
  private readonly services = new Map<PipelineService, ServiceProcess>();
  private readonly knownMembers = new Map<PipelineService, ReadonlySet<string>>();

  private constructor(
    readonly settings: PipelineSettings,
    readonly admin: KafkaTestAdmin,
  ) {
    for (const service of PIPELINE_SERVICES)
      this.services.set(service, new ServiceProcess(this.definition(service), settings));
  }

  static async start(
    settings: PipelineSettings,
    only: readonly PipelineService[] = PIPELINE_SERVICES,
  ): Promise<PipelineHarness> {
    const client = createKafkaClient(
      kafkaConnectionConfig({ brokers: [...settings.kafkaBrokers], clientId: 'e2e-harness' }),
      silentMessagingLogger,
    );
    await ensureTopics(client, pipelineTopicSpecs());
    const admin = await KafkaTestAdmin.connect(settings.kafkaBrokers);
    const harness = new PipelineHarness(settings, admin);
    try {
      await harness.placeGroupsAtEnd();
      await Promise.all(only.map((service) => harness.service(service).start()));
    } catch (error) {
      await harness.stop();
      throw error;
    }
    return harness;
  }

  groupIdOf(service: PipelineService): string {
    return `${service}${this.settings.groupSuffix}`;
  }

  /** The consumer groups of the pipeline and their topics. */
  consumerGroups(): readonly GroupTopics[] {
    const ownGroups = PIPELINE_SERVICES.filter((service) => CONSUMED_TOPICS[service].length > 0).map(
      (service) => ({ groupId: this.groupIdOf(service), topics: CONSUMED_TOPICS[service] }),
    );
    const dedicatedGroups = DEDICATED_CONSUMER_GROUPS.map(({ service, name, topics }) => ({
      groupId: `${service}.${name}${this.settings.groupSuffix}`,
      topics,
    }));
    return [...ownGroups, ...dedicatedGroups];
  }

  service(name: PipelineService): ServiceProcess {
    const service = this.services.get(name);
    if (service === undefined) throw new Error(`unknown service ${name}`);
    return service;
  }

  /** Commits, for every consumer group, the given offsets (default: the current end of its topics). */
  async placeGroupsAtEnd(offsets?: TopicOffsets): Promise<void> {
    const ends = offsets ?? (await this.admin.topicEnds(pipelineTopicSpecs().map((spec) => spec.topic)));
    await Promise.all(
      this.consumerGroups().map((group) =>
        this.admin.placeGroup(
          group.groupId,
          new Map(group.topics.map((topic) => [topic, ends.get(topic) ?? new Map()])),
        ),
      ),
    );
  }

  /** SIGKILL one service (a crash): it neither commits its offsets nor leaves its group. */
  async kill(name: PipelineService): Promise<void> {
    const service = this.service(name);
    if (CONSUMED_TOPICS[name].length > 0) {
      const state = await this.admin.groupState(this.groupIdOf(name));
      this.knownMembers.set(name, new Set(state.memberIds));
    }
    await service.kill();
  }

  /** Waits until every consumer group has committed everything published on its topics. */
  waitUntilConsumed(timeoutMs: number): Promise<void> {
    return this.admin.waitUntilConsumed(this.consumerGroups(), timeoutMs);
  }

  /** Peak resident memory (VmHWM, kB) of each service over all its starts. */
  peakMemory(): Record<PipelineService, number | null> {
    return Object.fromEntries(
      PIPELINE_SERVICES.map((service) => [service, this.service(service).peakResidentKb()]),
    ) as Record<PipelineService, number | null>;
  }

  /** CPU seconds each running service has used since its current start. */
  cpuSeconds(): Record<PipelineService, number | null> {
    return Object.fromEntries(
      PIPELINE_SERVICES.map((service) => [service, this.service(service).cpuSeconds()]),
    ) as Record<PipelineService, number | null>;
  }

  /** Stops every service gracefully (SIGTERM) and disconnects; the consumer groups are deleted. */
  async stop(): Promise<void> {
    await Promise.all([...this.services.values()].map((service) => service.stop()));
    await this.admin.deleteGroups(this.consumerGroups().map((group) => group.groupId));
    await this.admin.disconnect();
  }

  private definition(service: PipelineService): ServiceDefinition {
    const settings = this.settings;
    return {
      name: service,
      entry: ENTRY_POINTS[service],
      environment: {
        DATABASE_URL: settings.databaseUrl,
        DATABASE_POOL_SIZE: String(settings.databasePoolSize ?? 5),
        EVENT_STORE_SCHEMA: settings.schemas.eventStore,
        READ_MODEL_SCHEMA: settings.schemas.readModels,
        KAFKA_BROKERS: settings.kafkaBrokers.join(','),
        KAFKA_GROUP_SUFFIX: settings.groupSuffix,
        LOG_LEVEL: settings.logLevel ?? 'info',
        ...ownEnvironment(service, settings),
        ...(settings.environment?.[service] ?? {}),
      },
      readiness: this.readinessOf(service),
    };
  }

  private readinessOf(service: PipelineService): ServiceDefinition['readiness'] {
    if (service === 'projector')
      return { kind: 'http', url: `http://127.0.0.1:${this.settings.projectorPort}/health` };
    if (service === 'scheduling')
      return {
        kind: 'http',
        url: `http://127.0.0.1:${this.settings.schedulingPort}/invoice-batch-runs/readiness`,
      };
    return { kind: 'probe', ready: (attempt) => this.joinedGroup(service, attempt) };
  }

  /** A consumer is ready once its group is stable with a member that was not there before the last kill. */
  private async joinedGroup(service: PipelineService, _attempt: ServiceAttempt): Promise<boolean> {
    const state = await this.admin.groupState(this.groupIdOf(service));
    const known = this.knownMembers.get(service) ?? new Set<string>();
    return (
      state.state === 'Stable' &&
      state.memberIds.some((id) => !known.has(id)) &&
      state.memberIds.every((id) => !known.has(id))
    );
  }
}
