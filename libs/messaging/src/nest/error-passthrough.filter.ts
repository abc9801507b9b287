import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default exception filter for microservices replaces every error with `{ status: 'error',
 * message: 'Internal server error' }`, which would hide `TransientError` / `PermanentError` from the
 * transport's retry and dead-letter policy. Register this filter (`app.useGlobalFilters(...)`) so the
 * original error reaches `KafkaTransportStrategy`.
 */
@Catch()
export class KafkaErrorPassthroughFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
