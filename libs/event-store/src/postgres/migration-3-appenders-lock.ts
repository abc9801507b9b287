import type { EventStoreSchema } from './event-store-schema';

/**
 * Both append functions (`append_to_streams`, and migration 1's `append_events` that processes of an
 * older release may still call) take, before anything else, a shared transaction-level advisory lock
 * on `appendersLockKey`. Shared locks never wait for each other, so appends still run side by side;
 * the lock only makes the transactions that may hold positions visible in `pg_locks`, which the
 * visibility horizon uses to stop waiting for unrelated transactions (see visibility-horizon.ts).
 */
export function appendersLockStatements(schema: EventStoreSchema): readonly string[] {
  return [
    appendFunction(
      schema,
      'append_to_streams',
      'SELECT n.stream_id, max(n.revision), max(n.position) FROM inserted n GROUP BY n.stream_id',
    ),
    appendFunction(schema, 'append_events', 'SELECT * FROM inserted'),
  ];
}

function appendFunction(
  { qualifier: s, lockKeySeed, appendersLockKey }: EventStoreSchema,
  name: string,
  result: string,
) {
  return `CREATE OR REPLACE FUNCTION ${s}${name}(incoming jsonb, requests jsonb)
       RETURNS TABLE (appended_stream_id text, appended_revision bigint, appended_position bigint)
       LANGUAGE plpgsql AS $fn$
       DECLARE
         stream_key bigint;
       BEGIN
         PERFORM pg_advisory_xact_lock_shared(${appendersLockKey.toString()});
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
         ${result};
       END
       $fn$`;
}
