/**
 * Analysis of a trace (docs/design.md#analysis, CONTRACT): `analyze(events, profile, opts)` and its
 * result types, the finding code table, and the helpers other places reuse (formatting,
 * backoff expectations, close decoding, session keys).
 */
export { analyze, harConnectionEnds, inSeqOrder } from './analyze';
export type * from './types';
export { FINDING_CODES, ALL_FINDING_CODES, type FindingCodeSpec } from './finding-codes';
export { expectedDelayMs, judgeDelay, maxDelayMs, minDelayMs } from './backoff';
export { decodeClose, isFatalClose, closeLabel, FATAL_STANDARD_CODES } from './close-rules';
export { PositionTrack, POSITION_SOURCE_CODE } from './position-track';
export { fmtValue, readyStateName } from './format';
export { sessionKey, urlPath, credentialsOf } from './url-parts';
export { RECOVERY_RULES, recoveryCounts, verdictOf } from './recovery-types';
