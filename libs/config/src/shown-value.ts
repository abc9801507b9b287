/** Variables whose names say they hold a secret; their values never appear in an error message. */
const secretName = /TOKEN|PASSWORD|PASSWD|SECRET|CREDENTIAL|PRIVATE|API_KEY|ACCESS_KEY/i;

/** `scheme://user:password@host` → the password; the rest of a URL helps whoever reads the message. */
const urlPassword = /^([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)([^@/?#\s]*)(@)/i;

/**
 * How a configuration error shows the value a variable had: missing, or the value itself, except
 * that secrets are not written to logs (a variable named like a secret shows only its length, a URL
 * its password masked).
 */
export function shownValue(name: string, raw: string | undefined): string {
  if (raw === undefined) return 'missing';
  if (secretName.test(name)) return `got a value of ${raw.length} characters, not shown`;
  return `got ${JSON.stringify(raw.replace(urlPassword, '$1***$3'))}`;
}
