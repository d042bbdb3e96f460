/**
 * What the frames table and the findings list say when they have nothing to show
 * (docs/design.md#panel-and-viewer). A capture can hold events but no WebSocket (a page
 * navigation, a visibility change, an HTTP request): then both say there is no WebSocket
 * traffic yet, and how to get some, rather than blaming the filter or counting events.
 */
import { countOf } from '../format';

/** Why the frames table shows no row, as one sentence. */
export interface TableEmptyFacts {
  /** A live tab (else a loaded trace). */
  live: boolean;
  /** WebSocket connections in the capture. */
  connections: number;
  /** The search could not be parsed: its one-line message. */
  searchError?: string | undefined;
  /** The index or filter has not reached the end of the capture yet. */
  indexing: boolean;
}

/** The frames table's line when no row passes (the capture holds at least one event). */
export function tableEmptyText(f: TableEmptyFacts): string {
  if (f.searchError !== undefined) return `Cannot search: ${f.searchError}`;
  if (f.indexing) return 'Indexing…';
  if (f.connections === 0) return noTrafficText(f.live);
  return 'No rows match the filter.';
}

/** Why the findings list shows no finding, as one sentence. */
export interface FindingsEmptyFacts {
  live: boolean;
  connections: number;
  /** Events the analysis read. */
  events: number;
  /** Findings the analysis made (all hidden by the severity filter when more than 0). */
  findings: number;
}

/** The findings list's line once an analysis ran and no finding is shown. */
export function findingsEmptyText(f: FindingsEmptyFacts): string {
  if (f.findings > 0) return 'All findings are hidden by the severity filter.';
  if (f.connections === 0) return `Nothing to analyse yet: ${f.live ? 'no WebSocket connection in this tab so far' : 'the trace holds no WebSocket connection'}.`;
  return `No findings in ${countOf(f.connections, 'connection')} (${countOf(f.events, 'event')}).`;
}

/** No WebSocket in the capture: what a live tab should do, or what a trace lacks. */
function noTrafficText(live: boolean): string {
  return live
    ? 'No WebSocket traffic yet: this tab has opened no WebSocket since the capture started. Use the page, or reload it to capture a connection from its handshake.'
    : 'No WebSocket traffic: this trace holds no WebSocket connection.';
}
