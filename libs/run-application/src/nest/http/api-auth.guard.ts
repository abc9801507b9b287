import { timingSafeEqual } from 'node:crypto';
import {
  createParamDecorator,
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';

/** Who may call the scheduling API: operators change things, viewers read. */
export type ApiRole = 'billing-operator' | 'billing-viewer';

/** A bearer token from the service's configuration, whose caller it names and the roles it grants. */
export interface ApiToken {
  readonly caller: string;
  readonly token: string;
  readonly roles: readonly ApiRole[];
}

export const API_TOKENS = Symbol('ApiTokens');
const REQUIRED_ROLE = 'invoice-engine:required-role';

/** The request as the guard sees it; the guard adds the authenticated caller's name. */
export interface AuthenticatedRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  caller?: string;
}

/** The authenticated caller's name, for `requestedBy` of ad-hoc runs. */
export const Caller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().caller ?? 'anonymous',
);

/** The role an endpoint requires. */
export const RequiresRole = (role: ApiRole) => SetMetadata(REQUIRED_ROLE, role);

function sameSecret(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Bearer-token authentication with a role check: 401 without a known token, 403 when its roles lack
 * the endpoint's. Tokens come from the configuration (secrets from the environment, never the repo).
 */
@Injectable()
export class ApiAuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(API_TOKENS) private readonly tokens: readonly ApiToken[],
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<ApiRole | undefined>(REQUIRED_ROLE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (required === undefined) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const presented = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header)?.[1] : undefined;
    const caller =
      presented === undefined ? undefined : this.tokens.find((token) => sameSecret(token.token, presented));
    if (caller === undefined)
      throw new UnauthorizedException({
        error: { code: 'AUTH.UNAUTHENTICATED', message: 'A valid bearer token is required' },
      });
    if (!caller.roles.includes(required) && !caller.roles.includes('billing-operator')) {
      throw new ForbiddenException({
        error: { code: 'AUTH.FORBIDDEN', message: `The ${required} role is required` },
      });
    }
    request.caller = caller.caller;
    return true;
  }
}
