/**
 * Close code dictionary.
 *
 * Sources: RFC 6455 §7.4.1 (1000–1011 except 1004), the IANA "WebSocket Close Code Number
 * Registry" (1012–1015), RFC 6455 §7.4.2 (ranges 3000–3999 registered, 4000–4999 private).
 * Profile-specific codes (e.g. scaiwave 4001, 4003) come from the profile's `closeCodes` and
 * take precedence in {@link describeCloseCode}.
 */

/** Name and one-line meaning of a close code. */
export interface CloseCodeInfo {
  code: number;
  /** Short name, e.g. "Abnormal Closure" or "SW_AUTH_INVALID_TOKEN". */
  name: string;
  /** What it means for someone debugging a client. */
  meaning: string;
  /** Where the name comes from: "RFC 6455", "IANA", a profile name, or "range". */
  source: string;
}

/** Standard codes: RFC 6455 §7.4.1 and IANA 1012–1015. */
export const STANDARD_CLOSE_CODES: Readonly<Record<number, Omit<CloseCodeInfo, 'code'>>> = {
  1000: { name: 'Normal Closure', meaning: 'the purpose of the connection was fulfilled', source: 'RFC 6455' },
  1001: { name: 'Going Away', meaning: 'the server is going down or the page navigated away', source: 'RFC 6455' },
  1002: { name: 'Protocol Error', meaning: 'an endpoint received a frame that violates the protocol', source: 'RFC 6455' },
  1003: { name: 'Unsupported Data', meaning: 'an endpoint received a data type it cannot accept', source: 'RFC 6455' },
  1005: { name: 'No Status Received', meaning: 'the close frame carried no status code (never sent on the wire)', source: 'RFC 6455' },
  1006: { name: 'Abnormal Closure', meaning: 'the connection dropped without a close frame: proxy, load balancer or network (never sent on the wire)', source: 'RFC 6455' },
  1007: { name: 'Invalid Frame Payload Data', meaning: 'a message carried data inconsistent with its type (e.g. non-UTF-8 text)', source: 'RFC 6455' },
  1008: { name: 'Policy Violation', meaning: 'a message violated the endpoint\u2019s policy', source: 'RFC 6455' },
  1009: { name: 'Message Too Big', meaning: 'a message was too big to process', source: 'RFC 6455' },
  1010: { name: 'Mandatory Extension', meaning: 'the client expected an extension the server did not negotiate', source: 'RFC 6455' },
  1011: { name: 'Internal Error', meaning: 'the server met an unexpected condition', source: 'RFC 6455' },
  1012: { name: 'Service Restart', meaning: 'the server is restarting; reconnect after a short delay', source: 'IANA' },
  1013: { name: 'Try Again Later', meaning: 'the server is overloaded; reconnect later', source: 'IANA' },
  1014: { name: 'Bad Gateway', meaning: 'a gateway or proxy got an invalid response upstream', source: 'IANA' },
  1015: { name: 'TLS Handshake', meaning: 'the TLS handshake failed (never sent on the wire)', source: 'IANA' },
};

/** A profile's own close codes, as in a profile's `closeCodes` field (docs/design.md#profile-fields). */
export interface ProfileCloseCode {
  name: string;
  kind?: string;
  meaning?: string;
  fatal?: boolean;
  fatalUnlessNewCredentials?: boolean;
  /** Reason string → explanation (e.g. scaiwave 4003 "ping_timeout"). */
  reasons?: Record<string, string>;
}

/**
 * Describes a close code: the profile's entry first, then the standard table, then the
 * RFC 6455 §7.4.2 ranges. Never throws; unknown codes get a range description.
 *
 * @param code close code as received in the `close` event
 * @param profileCodes the profile's `closeCodes` map (keys are decimal strings), if any
 * @param profileName used as `source` for profile entries
 */
export function describeCloseCode(
  code: number,
  profileCodes?: Readonly<Record<string, ProfileCloseCode>>,
  profileName = 'profile',
): CloseCodeInfo {
  const own = profileCodes?.[String(code)];
  if (own) return { code, name: own.name, meaning: own.meaning ?? own.kind ?? 'defined by the application', source: profileName };
  const std = STANDARD_CLOSE_CODES[code];
  if (std) return { code, ...std };
  if (code >= 3000 && code <= 3999) return { code, name: 'Library code', meaning: 'registered for libraries and frameworks (3000–3999)', source: 'range' };
  if (code >= 4000 && code <= 4999) return { code, name: 'Application code', meaning: 'private to the application (4000–4999)', source: 'range' };
  return { code, name: 'Reserved', meaning: 'not a code an endpoint should send', source: 'range' };
}
