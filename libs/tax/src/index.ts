export * from './tax-engine';
export * from './tax-rate-table';
export * from './tax-rate-lookup';
export * from './rate-table-taxation';
export * from './rate-table-tax-engine';
