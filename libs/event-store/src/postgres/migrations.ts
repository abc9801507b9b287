import { quoteIdentifier, type SqlConnection } from '../sql/sql-connection';
import type { EventStoreSchema } from './event-store-schema';
import { appendersLockStatements } from './migration-3-appenders-lock';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: (schema: EventStoreSchema) => readonly string[];
}

/**
 * Versioned and append-only: never edit a released migration, add the next version. Plain SQL that
 * both PostgreSQL (15+) and PGlite run.
 */
const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'events table, append function, notification trigger',
    statements: ({ qualifier: s, notificationChannel, lockKeySeed }) => [
      `CREATE TABLE ${s}events (
         position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         stream_id text NOT NULL,
         category text GENERATED ALWAYS AS (split_part(stream_id, '-', 1)) STORED,
         revision bigint NOT NULL,
         event_id uuid NOT NULL,
         type text NOT NULL,
         schema_version integer NOT NULL,
         data jsonb NOT NULL,
         metadata jsonb NOT NULL,
         recorded_at timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision),
         CONSTRAINT events_event_id_key UNIQUE (event_id)
       )`,
      `CREATE INDEX events_category_position_idx ON ${s}events (category, position)`,
      `CREATE INDEX events_type_position_idx ON ${s}events (type, position)`,
      // One round trip per append (one or many streams). Streams are locked in key order (no
      // deadlocks between appendMany calls) so that each head is read fresh by the next statement
      // (plpgsql takes a new READ COMMITTED snapshot per statement) and two writers never race for a
      // revision. The transaction id is taken before the identity allocates positions: subscribers
      // rely on it (see visibility-horizon.ts). expected: -2 any, -1 no stream, n exact.
      `CREATE FUNCTION ${s}append_events(incoming jsonb, requests jsonb)
       RETURNS TABLE (appended_stream_id text, appended_revision bigint, appended_position bigint)
       LANGUAGE plpgsql AS $fn$
       DECLARE
         stream_key bigint;
       BEGIN
         FOR stream_key IN
           SELECT DISTINCT hashtextextended(r.stream_id, ${lockKeySeed.toString()})
             FROM jsonb_to_recordset(requests) AS r(stream_id text) ORDER BY 1
         LOOP
           PERFORM pg_advisory_xact_lock(stream_key);
         END LOOP;
         PERFORM pg_current_xact_id();
         RETURN QUERY
         WITH heads AS (
           SELECT r.stream_id, r.expected,
                  coalesce((SELECT max(e.revision) FROM ${s}events e WHERE e.stream_id = r.stream_id), -1) AS head
             FROM jsonb_to_recordset(requests) AS r(stream_id text, expected bigint)
         ), rejected AS (
           SELECT 1 FROM heads h WHERE h.expected <> -2 AND h.expected <> h.head
         ), inserted AS (
           INSERT INTO ${s}events (stream_id, revision, event_id, type, schema_version, data, metadata)
           SELECT i.stream_id, h.head + row_number() OVER (PARTITION BY i.stream_id ORDER BY i.ordinal),
                  i.event_id, i.type, i.schema_version, i.data, i.metadata
             FROM jsonb_to_recordset(incoming)
                  AS i(ordinal integer, stream_id text, event_id uuid, type text, schema_version integer,
                       data jsonb, metadata jsonb)
             JOIN heads h ON h.stream_id = i.stream_id
            WHERE NOT EXISTS (SELECT 1 FROM rejected)
            ORDER BY i.ordinal
           RETURNING stream_id, revision, position
         )
         SELECT * FROM inserted;
       END
       $fn$`,
      `CREATE FUNCTION ${s}notify_events_appended() RETURNS trigger LANGUAGE plpgsql AS $fn$
       BEGIN
         PERFORM pg_notify('${notificationChannel}', '');
         RETURN NULL;
       END
       $fn$`,
      `CREATE TRIGGER events_appended AFTER INSERT ON ${s}events
       FOR EACH STATEMENT EXECUTE FUNCTION ${s}notify_events_appended()`,
    ],
  },
  {
    version: 2,
    name: 'append_to_streams returns one row per stream; NOTIFY after commit instead of by trigger',
    statements: ({ qualifier: s, lockKeySeed }) => [
      // The trigger's NOTIFY made every append take PostgreSQL's notification lock until its commit was
      // flushed, which serialized all commits. The adapter now notifies after the commit (see
      // append-notifier.ts). append_events stays for processes still running the previous release.
      `DROP TRIGGER IF EXISTS events_appended ON ${s}events`,
      `DROP FUNCTION IF EXISTS ${s}notify_events_appended()`,
      // As append_events, but returns only each stream's last event (its append result) instead of
      // every row.
      `CREATE FUNCTION ${s}append_to_streams(incoming jsonb, requests jsonb)
       RETURNS TABLE (appended_stream_id text, appended_revision bigint, appended_position bigint)
       LANGUAGE plpgsql AS $fn$
       DECLARE
         stream_key bigint;
       BEGIN
         FOR stream_key IN
           SELECT DISTINCT hashtextextended(r.stream_id, ${lockKeySeed.toString()})
             FROM jsonb_to_recordset(requests) AS r(stream_id text) ORDER BY 1
         LOOP
           PERFORM pg_advisory_xact_lock(stream_key);
         END LOOP;
         PERFORM pg_current_xact_id();
         RETURN QUERY
         WITH heads AS (
           SELECT r.stream_id, r.expected,
                  coalesce((SELECT max(e.revision) FROM ${s}events e WHERE e.stream_id = r.stream_id), -1) AS head
             FROM jsonb_to_recordset(requests) AS r(stream_id text, expected bigint)
         ), rejected AS (
           SELECT 1 FROM heads h WHERE h.expected <> -2 AND h.expected <> h.head
         ), inserted AS (
           INSERT INTO ${s}events (stream_id, revision, event_id, type, schema_version, data, metadata)
           SELECT i.stream_id, h.head + row_number() OVER (PARTITION BY i.stream_id ORDER BY i.ordinal),
                  i.event_id, i.type, i.schema_version, i.data, i.metadata
             FROM jsonb_to_recordset(incoming)
                  AS i(ordinal integer, stream_id text, event_id uuid, type text, schema_version integer,
                       data jsonb, metadata jsonb)
             JOIN heads h ON h.stream_id = i.stream_id
            WHERE NOT EXISTS (SELECT 1 FROM rejected)
            ORDER BY i.ordinal
           RETURNING stream_id, revision, position
         )
         SELECT n.stream_id, max(n.revision), max(n.position) FROM inserted n GROUP BY n.stream_id;
       END
       $fn$`,
    ],
  },
  {
    version: 3,
    name: 'appends hold a shared advisory lock that shows the visibility horizon who may hold positions',
    statements: appendersLockStatements,
  },
];

/**
 * Applies the migrations this schema lacks (up to `targetVersion`, by default all), in one transaction
 * guarded by an advisory lock so that several processes starting together do not race. Returns the
 * versions it applied.
 */
export async function migrateEventStore(
  sql: SqlConnection,
  schema: EventStoreSchema,
  targetVersion = Number.POSITIVE_INFINITY,
): Promise<readonly number[]> {
  return sql.transaction(async (transaction) => {
    await transaction.query('SELECT pg_advisory_xact_lock($1)', [(schema.lockKeySeed + 1n).toString()]);
    await transaction.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema.name)}`);
    await transaction.query(
      `CREATE TABLE IF NOT EXISTS ${schema.qualifier}event_store_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const appliedRows = await transaction.query<{ version: number }>(
      `SELECT version FROM ${schema.qualifier}event_store_migrations`,
    );
    const applied = new Set(appliedRows.map((row) => row.version));
    const pending = migrations.filter(
      (migration) => !applied.has(migration.version) && migration.version <= targetVersion,
    );
    for (const migration of pending) {
      for (const statement of migration.statements(schema)) await transaction.query(statement);
      await transaction.query(
        `INSERT INTO ${schema.qualifier}event_store_migrations (version, name) VALUES ($1, $2)`,
        [migration.version, migration.name],
      );
    }
    return pending.map((migration) => migration.version);
  });
}
