/**
 * Issues and checks the bearer tokens of `GET /v1/token` and `/v1/stream?token=…`.
 *
 * ScaiWave rule (4001 `SW_AUTH_INVALID_TOKEN`): "Token expired or invalid. The web client should
 * refresh and reconnect." A token belongs to one tenant and expires `ttlMs` milliseconds after
 * it was issued; an unknown token and an expired token are both rejected (with different reasons,
 * so a test can tell them apart).
 */
import { randomBytes } from 'node:crypto';

export interface TokenRecord {
  token: string;
  tenant: string;
  /** Epoch milliseconds when the token was issued. */
  issuedAt: number;
  /** Epoch milliseconds after which the token is rejected. */
  expiresAt: number;
}

export type TokenCheck =
  | { ok: true; record: TokenRecord }
  | { ok: false; reason: 'invalid_token' | 'token_expired' };

export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();

  /**
   * @param defaultTtlMs lifetime of a token in milliseconds when `issue` gets none.
   * @param now clock in epoch milliseconds (injectable for tests).
   */
  constructor(
    private readonly defaultTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Issues a fresh random token for `tenant`, valid for `ttlMs` (default: the store's TTL). */
  issue(tenant: string, ttlMs: number = this.defaultTtlMs): TokenRecord {
    const issuedAt = this.now();
    const record: TokenRecord = {
      token: `sw_${randomBytes(16).toString('hex')}`,
      tenant,
      issuedAt,
      expiresAt: issuedAt + ttlMs,
    };
    this.tokens.set(record.token, record);
    return record;
  }

  /** Checks a token presented by a client; a missing or unknown token is `invalid_token`. */
  check(token: string | null | undefined): TokenCheck {
    const record = token ? this.tokens.get(token) : undefined;
    if (!record) return { ok: false, reason: 'invalid_token' };
    if (this.now() >= record.expiresAt) return { ok: false, reason: 'token_expired' };
    return { ok: true, record };
  }

  /** Makes every issued token expire now (test control). Returns how many were live. */
  expireAll(): number {
    const t = this.now();
    let live = 0;
    for (const record of this.tokens.values()) {
      if (record.expiresAt > t) live++;
      record.expiresAt = Math.min(record.expiresAt, t);
    }
    return live;
  }

  /** Makes one token expire now (test control). Returns false when the token is unknown. */
  expire(token: string): boolean {
    const record = this.tokens.get(token);
    if (!record) return false;
    record.expiresAt = Math.min(record.expiresAt, this.now());
    return true;
  }
}
