export * from './billing-schedules/seeded-random';
export * from './billing-schedules/reference-data';
export * from './billing-schedules/billing-account-profile';
export * from './billing-schedules/billing-schedule-generator';
export * from './billing-schedules/schedule-seeding';
export * from './oracle/run-prediction';
export * from './oracle/predicted-invoices';
export * from './oracle/predict-run';
