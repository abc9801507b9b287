// The notice is a public contract of the group-results topic; it lives with the other contracts.
export {
  FILTERING_COMPLETED_SCHEMA_VERSION,
  FilteringCompleted,
  FilteringCompletedData,
} from '@invoice-engine/contracts';
