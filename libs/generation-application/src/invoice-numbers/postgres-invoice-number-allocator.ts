import type { InvoiceNumberAllocator, InvoiceNumberRequest } from '../ports/invoice-number-allocator';

/** The one statement runner the allocator needs: `pg` pools, PGlite and TypeORM data sources all fit. */
export interface SqlStatementRunner {
  query(text: string, params?: readonly unknown[]): Promise<unknown>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Digits of the printed number: "00000042" sorts like 42 up to 99,999,999 invoices per legal entity. */
const NUMBER_DIGITS = 8;

function rowsOf(result: unknown): readonly Record<string, unknown>[] {
  // `pg` and `SqlConnection` give rows; TypeORM's `query` gives the rows array itself.
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  if (typeof result === 'object' && result !== null && 'rows' in result && Array.isArray(result.rows)) {
    return result.rows as Record<string, unknown>[];
  }
  return [];
}

/**
 * Invoice numbers in PostgreSQL: one counter row per legal entity, bumped with
 * `UPDATE … SET next_number = next_number + 1 RETURNING`, whose row lock serializes concurrent
 * posters of one legal entity; and one assignment row per invoice, so asking again for the same
 * invoice returns its number instead of taking the next one.
 */
export class PostgresInvoiceNumberAllocator implements InvoiceNumberAllocator {
  private readonly sequences: string;
  private readonly assignments: string;

  constructor(
    private readonly sql: SqlStatementRunner,
    private readonly schema: string = 'invoice_numbers',
  ) {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`"${schema}" is not a lower-case SQL identifier`);
    this.sequences = `"${schema}".invoice_number_sequences`;
    this.assignments = `"${schema}".invoice_number_assignments`;
  }

  /** Creates the schema and tables if they are missing; safe at every start of every replica. */
  async migrate(): Promise<void> {
    const statements = [
      `CREATE SCHEMA IF NOT EXISTS "${this.schema}"`,
      `CREATE TABLE IF NOT EXISTS ${this.sequences} (
         legal_entity_key text PRIMARY KEY,
         next_number bigint NOT NULL CHECK (next_number > 0))`,
      `CREATE TABLE IF NOT EXISTS ${this.assignments} (
         invoice_id text PRIMARY KEY,
         legal_entity_key text NOT NULL,
         invoice_number bigint NOT NULL,
         UNIQUE (legal_entity_key, invoice_number))`,
    ];
    for (const statement of statements) await this.runIdempotentDdl(statement);
  }

  async numberFor(request: InvoiceNumberRequest): Promise<string> {
    // Null and empty legal entities are the same value, as in grouping keys.
    const legalEntityKey = request.legalEntityId ?? '';
    await this.sql.query(
      `INSERT INTO ${this.sequences} (legal_entity_key, next_number) VALUES ($1, 1) ON CONFLICT DO NOTHING`,
      [legalEntityKey],
    );
    const assigned = rowsOf(
      await this.sql.query(
        `WITH existing AS (
           SELECT invoice_number FROM ${this.assignments} WHERE invoice_id = $2
         ), bumped AS (
           UPDATE ${this.sequences} SET next_number = next_number + 1
            WHERE legal_entity_key = $1 AND NOT EXISTS (SELECT 1 FROM existing)
           RETURNING next_number - 1 AS invoice_number
         ), assigned AS (
           INSERT INTO ${this.assignments} (invoice_id, legal_entity_key, invoice_number)
           SELECT $2, $1, invoice_number FROM bumped
           ON CONFLICT (invoice_id) DO NOTHING
           RETURNING invoice_number
         )
         SELECT invoice_number::text AS invoice_number FROM existing
         UNION ALL SELECT invoice_number::text FROM assigned`,
        [legalEntityKey, request.invoiceId],
      ),
    );
    // Empty only when a concurrent call for the same invoice won the insert: its number stands.
    const number = assigned[0]?.['invoice_number'] ?? (await this.existingNumber(request.invoiceId));
    return String(number).padStart(NUMBER_DIGITS, '0');
  }

  private async existingNumber(invoiceId: string): Promise<unknown> {
    const rows = rowsOf(
      await this.sql.query(
        `SELECT invoice_number::text AS invoice_number FROM ${this.assignments} WHERE invoice_id = $1`,
        [invoiceId],
      ),
    );
    const number = rows[0]?.['invoice_number'];
    if (number === undefined) throw new Error(`No invoice number could be assigned to invoice ${invoiceId}`);
    return number;
  }

  /** Two replicas creating the same table at once: the loser sees a duplicate, which means done. */
  private async runIdempotentDdl(statement: string): Promise<void> {
    try {
      await this.sql.query(statement);
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
      if (code !== '23505' && code !== '42P06' && code !== '42P07') throw error;
    }
  }
}
