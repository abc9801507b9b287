import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { assertNever, DomainError } from '@invoice-engine/kernel';
import { InvalidSchedulerDefinitionError } from '@invoice-engine/scheduling';

/** The little of the platform's response this filter uses (platform-express ships no types here). */
interface JsonResponse {
  status(code: number): { json(body: unknown): unknown };
}

/** Domain validation codes that describe the request's fields rather than a business rule: 400. */
const FIELD_PROBLEM_CODES: ReadonlySet<string> = new Set([
  'INVOICE_BATCH_RUN.INVALID_REQUEST',
  'BILL_NOW.MISSING_SCOPE',
  'SCHEDULER.INVALID_DEFINITION',
]);

function statusOf(error: DomainError): number {
  switch (error.kind) {
    case 'validation':
      // Well-formed but against a business rule (TARGET_DATE_OUT_OF_RANGE, ...): unprocessable.
      return FIELD_PROBLEM_CODES.has(error.code) ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY;
    case 'not-found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
    case 'illegal-state':
      return HttpStatus.CONFLICT;
    default:
      return assertNever(error.kind, 'domain error kind');
  }
}

/** Maps a `DomainError` to its HTTP status with `{error: {code, message, problems?}}`. */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter<DomainError> {
  catch(error: DomainError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    const problems =
      error instanceof InvalidSchedulerDefinitionError
        ? error.problems.map((problem) => ({ path: 'definition', message: problem }))
        : undefined;
    response.status(statusOf(error)).json({
      error: { code: error.code, message: error.message, ...(problems ? { problems } : {}) },
    });
  }
}
