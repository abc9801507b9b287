import type { ApiRole, ApiToken } from '@invoice-engine/run-application';

/** `caller:role[+role]:token` entries (already validated by the configuration) as API tokens. */
export function apiTokensOf(entries: readonly string[]): readonly ApiToken[] {
  return entries.map((entry) => {
    const [caller = '', roles = '', ...token] = entry.split(':');
    return { caller, roles: roles.split('+') as ApiRole[], token: token.join(':') };
  });
}
