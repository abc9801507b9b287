import type { MigrationInterface } from 'typeorm';
import { CreateProjectionCheckpoints1767225600000 } from './1767225600000-create-projection-checkpoints';

/** A migration class as TypeORM's `migrations` option takes it. */
export type ReadModelMigration = new () => MigrationInterface;

/**
 * The migrations this library owns. Contexts that add read-model tables append their own classes
 * after these: `[...readModelMigrations, ...invoicingReadModelMigrations]`.
 */
export const readModelMigrations: readonly ReadModelMigration[] = [CreateProjectionCheckpoints1767225600000];
