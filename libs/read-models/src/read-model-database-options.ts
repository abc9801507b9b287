/**
 * Where the read models live. Plain data so that an app's config parser can build it once at boot;
 * nothing in this library reads `process.env`.
 */
export type ReadModelDatabaseOptions = PostgresReadModelDatabase | EmbeddedReadModelDatabase;

/** A PostgreSQL server reached through `pg` (distributed mode). */
export interface PostgresReadModelDatabase {
  readonly kind: 'postgres';
  /** `postgres://user:password@host:port/database`. */
  readonly url: string;
  /** Every read-model table, the checkpoints and the migrations table live in this schema. */
  readonly schema: string;
  readonly poolSize: number;
}

/**
 * PGlite inside the process (embedded mode). `typeorm-pglite` keeps ONE PGlite instance per
 * process, so an embedded process has one read-model database.
 */
export interface EmbeddedReadModelDatabase {
  readonly kind: 'pglite';
  /** A directory to persist to, or null for memory only. */
  readonly dataDirectory: string | null;
  readonly schema: string;
}
