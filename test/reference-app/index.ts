/**
 * Public entry of the reference app (test/reference-app): the scaiwave reference server, the
 * idle-cutting proxy and their types. The browser client lives in client/ and is served by the
 * server at `/`.
 */
export { startReferenceServer, type ReferenceServer, type ReferenceServerOptions } from './reference-server';
export { startIdleProxy, type IdleProxy, type IdleProxyOptions, type ProxyEvent } from './idle-proxy';
export { formatLogEntry, type RequestLogEntry } from './request-log';
export type { ConnectionInfo } from './stream-connection';
export * from './wire-types';
