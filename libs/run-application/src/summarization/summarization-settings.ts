/** How the summarization service checkpoints a run. */
export interface SummarizationSettings {
  /** Append `InvoiceGenerationProgressed` once this many new work items have an outcome. */
  readonly checkpointEveryGroups: number;
  /** The `producer` of what the service appends. */
  readonly producer: string;
  /** How many runs' folds stay in memory between messages (the runs summarized last). */
  readonly runsKeptInMemory: number;
}

export const DEFAULT_SUMMARIZATION_SETTINGS: SummarizationSettings = {
  checkpointEveryGroups: 100,
  producer: 'summarization',
  runsKeptInMemory: 16,
};
