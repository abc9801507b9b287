import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { quoteIdentifier, type SqlConnection, type SqlQueryable } from './sql-connection';

/** A `SqlConnection` over a `pg` pool. Owns the pool it creates; `close()` ends it. */
export class PgPoolConnection implements SqlConnection {
  private constructor(private readonly pool: Pool) {}

  static open(config: PoolConfig): PgPoolConnection {
    const pool = new Pool(config);
    // An idle client that loses its server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    return new PgPoolConnection(pool);
  }

  async query<Row extends object>(text: string, params: readonly unknown[] = []): Promise<readonly Row[]> {
    const result = await this.pool.query<Row>(text, [...params]);
    return result.rows;
  }

  async transaction<T>(work: (transaction: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(clientQueryable(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async listen(channel: string, onNotification: () => void): Promise<() => Promise<void>> {
    const client = await this.pool.connect();
    const handler = (message: { channel: string }): void => {
      if (message.channel === channel) onNotification();
    };
    client.on('notification', handler);
    client.on('error', () => undefined);
    await client.query(`LISTEN ${quoteIdentifier(channel)}`);
    return async () => {
      client.off('notification', handler);
      try {
        await client.query(`UNLISTEN ${quoteIdentifier(channel)}`);
        client.release();
      } catch (error) {
        client.release(error instanceof Error ? error : true);
      }
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function clientQueryable(client: PoolClient): SqlQueryable {
  return {
    async query<Row extends object>(text: string, params: readonly unknown[] = []): Promise<readonly Row[]> {
      const result = await client.query<Row>(text, [...params]);
      return result.rows;
    },
  };
}
