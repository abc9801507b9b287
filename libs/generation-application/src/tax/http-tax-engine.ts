import {
  TaxFailureCode,
  taxFailed,
  TaxStatus,
  type TaxEngine,
  type TaxRequest,
  type TaxResult,
} from '@invoice-engine/tax';
import {
  refusalOf,
  requestBodyOf,
  taxResultOfAnswer,
  type HttpTaxEngineRequestBody,
} from './http-tax-answer';

export interface HttpTaxEngineOptions {
  /** The engine's endpoint, e.g. `http://tax-engine:8080/v1/tax`; every request is a POST to it. */
  readonly url: string;
  /** Longest wait for one attempt, answer body included. */
  readonly timeoutMs: number;
  /** Further attempts after a timeout, a 5xx/429 or a connection failure (0 = one attempt only). */
  readonly retries: number;
  /** Wait before the first retry; doubles with each one. */
  readonly backoffMs: number;
  readonly fetch?: typeof fetch;
}

/** One attempt's outcome: an answer to keep, or a failure worth another attempt. */
type Attempt = { readonly final: TaxResult } | { readonly retryable: TaxResult };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The tax engine port over an outside engine's HTTP API. Each attempt is bounded by a timeout
 * (AbortController); timeouts, 5xx/429 answers and connection failures are tried again with
 * backoff, then reported as retryable failures (`TAX.ENGINE_TIMEOUT` / `TAX.ENGINE_UNAVAILABLE`);
 * a 4xx is final (`TAX.ENGINE_REJECTED`, or `TAX.RATE_NOT_FOUND` when the engine says so).
 * Failures resolve as `Failed` results, as the port asks; they never reject.
 */
export class HttpTaxEngine implements TaxEngine {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: HttpTaxEngineOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  estimate(request: TaxRequest): Promise<TaxResult> {
    return this.call(request, 'Estimate', TaxStatus.Estimated);
  }

  calculateAndCommit(request: TaxRequest): Promise<TaxResult> {
    return this.call(request, 'CalculateAndCommit', TaxStatus.Posted);
  }

  private async call(
    request: TaxRequest,
    mode: HttpTaxEngineRequestBody['mode'],
    taxStatus: TaxStatus,
  ): Promise<TaxResult> {
    const body = JSON.stringify(requestBodyOf(request, mode));
    let attempt: Attempt = { retryable: taxFailed(TaxFailureCode.EngineUnavailable, 'not called', true) };
    for (let number = 0; number <= this.options.retries; number += 1) {
      if (number > 0) await sleep(this.options.backoffMs * 2 ** (number - 1));
      attempt = await this.attempt(request, body, taxStatus);
      if ('final' in attempt) return attempt.final;
    }
    return attempt.retryable;
  }

  private async attempt(request: TaxRequest, body: string, taxStatus: TaxStatus): Promise<Attempt> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.options.timeoutMs);
    try {
      const response = await this.fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
        signal: abort.signal,
      });
      const answer = await response.text();
      const json = parseJson(answer);
      if (response.ok) return { final: taxResultOfAnswer(request, json, taxStatus) };
      if (response.status >= 500 || response.status === 429) {
        const message = `The tax engine is unavailable (HTTP ${response.status}) for invoice ${request.invoiceId}`;
        return { retryable: taxFailed(TaxFailureCode.EngineUnavailable, message, true) };
      }
      return { final: refusalOf(response.status, json) };
    } catch (error) {
      if (abort.signal.aborted) {
        const message = `The tax engine did not answer within ${this.options.timeoutMs} ms for invoice ${request.invoiceId}`;
        return { retryable: taxFailed(TaxFailureCode.EngineTimeout, message, true) };
      }
      const reason =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
      const message = `The tax engine at ${this.options.url} could not be reached: ${reason}`;
      return { retryable: taxFailed(TaxFailureCode.EngineUnavailable, message, true) };
    } finally {
      clearTimeout(timer);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
