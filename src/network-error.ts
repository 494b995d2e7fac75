/** Error codes that mean the service could not be reached at all, as opposed to refusing us. */
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * The network error code (ENOTFOUND, ECONNREFUSED, a TLS certificate problem, …) somewhere in an
 * error's chain (`code`, `cause`, axios' `original`, an AggregateError's `errors`), or undefined
 * when the failure is not about reaching the server.
 */
export function networkErrorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 6 || error === null || typeof error !== 'object') return undefined;
  const { code, cause, original, errors } = error as {
    code?: unknown;
    cause?: unknown;
    original?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  for (const inner of [cause, original, ...(Array.isArray(errors) ? errors : [])]) {
    const found = networkErrorCode(inner, depth + 1);
    if (found) return found;
  }
  // fetch (undici) fails with a TypeError "fetch failed" whenever no HTTP answer came back.
  if (error instanceof TypeError && error.message === 'fetch failed') {
    return cause instanceof Error && cause.message ? cause.message : 'fetch failed';
  }
  return undefined;
}

/** The host part of a base URL, for "cannot reach <host>" messages; the input itself when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
