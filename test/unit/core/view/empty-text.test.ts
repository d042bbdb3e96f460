/**
 * The frames table's and findings list's empty lines (docs/design.md#panel-and-viewer): no
 * WebSocket in the capture says so and what to do, instead of blaming the filter; counts are
 * grammatical.
 */
import { describe, expect, it } from 'vitest';
import { findingsEmptyText, tableEmptyText } from '../../../../src/core/view/empty-text';

describe('tableEmptyText', () => {
  it('a live tab with events but no socket says there is no WebSocket traffic and to reload', () => {
    expect(tableEmptyText({ live: true, connections: 0, indexing: false })).toMatch(/^No WebSocket traffic yet: .*reload it/);
  });
  it('a trace without a socket says the trace holds none', () => {
    expect(tableEmptyText({ live: false, connections: 0, indexing: false })).toBe('No WebSocket traffic: this trace holds no WebSocket connection.');
  });
  it('with connections, an empty table is the filter', () => {
    expect(tableEmptyText({ live: true, connections: 2, indexing: false })).toBe('No rows match the filter.');
  });
  it('a bad search and unfinished indexing come first', () => {
    expect(tableEmptyText({ live: true, connections: 0, indexing: true, searchError: 'bad /(/' })).toBe('Cannot search: bad /(/');
    expect(tableEmptyText({ live: true, connections: 1, indexing: true })).toBe('Indexing…');
  });
});

describe('findingsEmptyText', () => {
  it('says there is nothing to analyse without a connection', () => {
    expect(findingsEmptyText({ live: true, connections: 0, events: 1, findings: 0 })).toBe('Nothing to analyse yet: no WebSocket connection in this tab so far.');
    expect(findingsEmptyText({ live: false, connections: 0, events: 3, findings: 0 })).toBe('Nothing to analyse yet: the trace holds no WebSocket connection.');
  });
  it('counts with singular and plural', () => {
    expect(findingsEmptyText({ live: true, connections: 1, events: 1, findings: 0 })).toBe('No findings in 1 connection (1 event).');
    expect(findingsEmptyText({ live: true, connections: 2, events: 40, findings: 0 })).toBe('No findings in 2 connections (40 events).');
  });
  it('findings all hidden by severity', () => {
    expect(findingsEmptyText({ live: true, connections: 1, events: 9, findings: 3 })).toBe('All findings are hidden by the severity filter.');
  });
});
