/**
 * The differential conformance run (docs/design.md#invisibility-rules): serves the probe page
 * (test/fixtures/pages/conformance) under `Content-Security-Policy: script-src 'self'` with a
 * report sink, and compares two runs' observations key by key.
 */
import { fixture, type ProbeServers } from './probe-server';

/** CSP of the probe page: scripts only from the page's origin, violations reported to /csp-report. */
export const PROBE_CSP = "script-src 'self'; report-uri /csp-report";

/** What one run of the probe observed. */
export interface ProbeRun {
  order: string[];
  results: Record<string, unknown>;
}

/** Adds the probe's routes to the servers. */
export function addConformanceRoutes(srv: ProbeServers): void {
  srv.route('/probe.html', fixture('conformance/probe.html', { 'content-security-policy': PROBE_CSP }));
  srv.route('/probe.js', fixture('conformance/probe.js'));
  srv.route('/worker.js', fixture('conformance/worker.js'));
  srv.route('/shared-worker.js', fixture('conformance/shared-worker.js'));
  srv.route('/child.html', fixture('conformance/child.html'));
  srv.route('/csp-control.html', fixture('conformance/csp-control.html', { 'content-security-policy': PROBE_CSP }));
}

/** URL of the probe page with the server addresses it needs. */
export function probeUrl(srv: ProbeServers): string {
  const q = new URLSearchParams({ ws: srv.wsUrl, silent: srv.silentWsUrl, deadws: srv.deadWsUrl, deadhttp: srv.deadHttpUrl });
  return `${srv.httpUrl}/probe.html?${q.toString()}`;
}

/** Expression that runs the probe and evaluates to its {@link ProbeRun}. */
export const RUN_PROBE_JS = `window.__probeStart().then(() => JSON.stringify(window.__probeResults))`;

/** Keys whose values differ between two runs, with both values (JSON), for a readable failure. */
export function diffRuns(a: ProbeRun, b: ProbeRun): { key: string; without: string; with: string }[] {
  const out: { key: string; without: string; with: string }[] = [];
  const keys = new Set([...Object.keys(a.results), ...Object.keys(b.results)]);
  for (const k of keys) {
    const x = JSON.stringify(a.results[k]);
    const y = JSON.stringify(b.results[k]);
    if (x !== y) out.push({ key: k, without: x ?? 'missing', with: y ?? 'missing' });
  }
  return out;
}
