export * from './billing-schedule-source';
