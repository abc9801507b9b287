import type { PGlite } from '@electric-sql/pglite';
import type { SqlConnection, SqlQueryable } from './sql-connection';

/**
 * A `SqlConnection` over one PGlite database (a single connection: PGlite runs its statements one at
 * a time). Does not own the database unless told so: embedded mode shares it with the read models.
 */
export class PgliteConnection implements SqlConnection {
  constructor(
    private readonly database: PGlite,
    private readonly ownsDatabase = false,
  ) {}

  async query<Row extends object>(text: string, params: readonly unknown[] = []): Promise<readonly Row[]> {
    const result = await this.database.query<Row>(text, [...params]);
    return result.rows;
  }

  async transaction<T>(work: (transaction: SqlQueryable) => Promise<T>): Promise<T> {
    return this.database.transaction(async (transaction) =>
      work({
        async query<Row extends object>(
          text: string,
          params: readonly unknown[] = [],
        ): Promise<readonly Row[]> {
          const result = await transaction.query<Row>(text, [...params]);
          return result.rows;
        },
      }),
    );
  }

  async listen(channel: string, onNotification: () => void): Promise<() => Promise<void>> {
    return this.database.listen(channel, () => onNotification());
  }

  async close(): Promise<void> {
    if (this.ownsDatabase) await this.database.close();
  }
}
