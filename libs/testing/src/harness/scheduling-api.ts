/** What the scheduling service answered. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** A run request as `POST /invoice-batch-runs` takes it. */
export interface RunRequestBody {
  readonly runId?: string;
  readonly criteria?: Readonly<Record<string, readonly (string | null)[] | null>>;
  readonly targetDate: string;
  readonly invoiceDate: string;
  readonly invoiceStatus: 'Draft' | 'Posted';
  readonly billingPeriodCount?: number | null;
}

/** The scheduling service's HTTP API as a caller with a bearer token uses it. */
export class SchedulingApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async post(path: string, body: unknown, token: string | null = this.token): Promise<ApiAnswer> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body: parsed };
  }

  requestRun(body: RunRequestBody): Promise<ApiAnswer> {
    return this.post('/invoice-batch-runs', body);
  }
}
