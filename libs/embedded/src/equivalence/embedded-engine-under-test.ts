import { startEmbeddedEngine, type EmbeddedEngine } from '../composition/embedded-engine';
import type { EmbeddedEngineOptions } from '../composition/embedded-engine.module';
import { waitForRunToFinish } from '../composition/run-completion';
import type { EngineUnderTest } from './engine-under-test';

/** The embedded composition as `runBatchRunEmbedded` boots it, and its way of waiting for a run. */
export async function startEmbeddedEngineUnderTest(options: EmbeddedEngineOptions): Promise<EngineUnderTest> {
  const engine: EmbeddedEngine = await startEmbeddedEngine(options);
  return {
    mode: 'embedded',
    eventStore: engine.eventStore,
    readModels: engine.readModels,
    requestRun: engine.requestRun,
    scheduleSource: engine.scheduleSource,
    waitForRun: (runId, timeoutMs) =>
      waitForRunToFinish(engine.bus, engine.eventStore, runId, { timeoutMs, pollMs: 200 }),
    close: () => engine.close(),
  };
}
