/**
 * Values shared by the built-in presets.
 */
import { SCAIWAVE_PROFILE } from '../scaiwave';
import type { BackoffSpec } from '../types';

/**
 * Backoff for protocols whose client library documents none: the scaiwave values
 * (ScaiWave troubleshooting page: reconnect immediately, then 1, 2, 4, 8 … max 30 s), ms.
 */
export const DEFAULT_BACKOFF: BackoffSpec = { ...SCAIWAVE_PROFILE.backoff };

/**
 * Idle timeouts of common middleboxes, ms (each vendor's documented default): nginx
 * `proxy_read_timeout` and AWS ALB 60 s, Cloudflare about 100 s, AWS API Gateway 10 min.
 */
export const MIDDLEBOX_IDLE_TIMEOUTS_MS: number[] = [60000, 100000, 600000];
