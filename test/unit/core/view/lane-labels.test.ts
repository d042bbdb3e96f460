import { describe, expect, it } from 'vitest';
import { distinctQueries, laneQueries, sessionLabel } from '../../../../src/core/view/lane-labels';

describe('session labels', () => {
  it('puts the path first and keeps the origin apart', () => {
    expect(sessionLabel('ws://127.0.0.1:40715/v1/stream')).toEqual({ path: '/v1/stream', origin: 'ws://127.0.0.1:40715' });
    expect(sessionLabel('wss://h.example')).toEqual({ path: '/', origin: 'wss://h.example' });
    expect(sessionLabel('not a url')).toEqual({ path: 'not a url', origin: '' });
  });
});

describe('lane queries', () => {
  it('drops a parameter every connection carries with the same value (a reused redacted token)', () => {
    const urls = ['ws://h/v1/stream?token=REDACTED~c21b', 'ws://h/v1/stream?token=REDACTED~c21b', 'ws://h/v1/stream?token=REDACTED~c21b'];
    expect(distinctQueries(urls)).toEqual(['', '', '']);
  });

  it('keeps what changes between connections: a refreshed token, a resume cursor, a missing parameter', () => {
    const urls = ['ws://h/s?v=2&token=REDACTED~aaaa', 'ws://h/s?v=2&token=REDACTED~bbbb&resume=41', 'ws://h/s?v=2&token=REDACTED~bbbb&resume=57#x'];
    expect(distinctQueries(urls)).toEqual(['?token=REDACTED~aaaa', '?token=REDACTED~bbbb&resume=41', '?token=REDACTED~bbbb&resume=57']);
    expect(distinctQueries(['ws://h/s?flag', 'ws://h/s'])).toEqual(['?flag', '']);
  });

  it('shows nothing for a session of one connection (the header and tooltip hold the URL)', () => {
    expect(distinctQueries(['ws://h/s?token=REDACTED~aaaa'])).toEqual(['']);
    expect(distinctQueries([])).toEqual([]);
  });
});

describe('lane queries by session', () => {
  it('compares each connection only with the connections of its own session', () => {
    const q = laneQueries([
      { key: 1, session: 'ws://h/a', url: 'ws://h/a?token=REDACTED~aaaa' },
      { key: 2, session: 'ws://h/b', url: 'ws://h/b?token=REDACTED~bbbb' },
      { key: 3, session: 'ws://h/a', url: 'ws://h/a?token=REDACTED~aaaa&resume=7' },
    ]);
    expect([...q]).toEqual([[1, ''], [3, '?resume=7'], [2, '']]);
  });
});
