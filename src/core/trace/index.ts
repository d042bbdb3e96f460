/**
 * The trace file format (docs/design.md#trace-format): types, reading, validation, writing, redaction.
 */
export { AUTO_PROFILE, TRACE_FORMAT, TRACE_VERSION, type Trace, type TraceHeader, type TraceSource } from './trace-format';
export { TraceReadError, isTraceReadError, type TraceReadErrorKind } from './trace-read-error';
export { EVENT_SCHEMAS, traceHeaderSchema, eventTypeSchema, isIsoDateTime } from './trace-schema';
export { isValidEvent } from './fast-event-check';
export { validateTrace, validateEvents } from './validate-trace';
export { decodeInput, inflateInput, isGzip, isZlib, DEFAULT_MAX_BYTES, type ReadOptions } from './decode-input';
export { parseJsonText } from './parse-json';
export { locateJsonError, type JsonErrorLocation } from './json-error';
export { parseTrace } from './parse-trace';
export { serializeTrace, type SerializeOptions } from './serialize-trace';
export { createTrace, type TraceMeta } from './create-trace';
export { redactTrace, redactEvent } from './redact-trace';
export { createTextRedactor, type TextRedactor } from './redact-text';
export { readTraceOrHar, type ReadResult } from './read-trace-or-har';
