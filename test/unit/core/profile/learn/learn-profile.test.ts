import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../../src/core/analysis';
import { parseProfile } from '../../../../../src/core/profile/schema';
import { learnProfile, type LearnedPart, type LearnResult } from '../../../../../src/core/profile/learn/learn-profile';
import { Scenario } from '../../analysis/scenario';
import { chat, session } from './protocols';
import type { TraceEvent } from '../../../../../src/core/events';

function part(r: LearnResult, name: LearnedPart['part']): LearnedPart {
  const p = r.parts.find((x) => x.part === name);
  if (!p) throw new Error(`no part ${name}`);
  return p;
}

describe('learnProfile: chat with seq, op hb/hb_ack and GET /api/history?after=N', () => {
  const events = chat();
  const r = learnProfile(events);

  it('proposes a valid profile with what a person would write', () => {
    expect(() => parseProfile(r.profile)).not.toThrow();
    expect(r.profile.match).toEqual({ urlPath: '/chat' });
    expect(r.profile.position).toEqual({ path: 'seq', contiguous: true });
    expect(r.profile.heartbeat).toEqual({ intervalMs: 3000, ping: { dir: 'in', json: { op: 'hb' } }, pong: { dir: 'out', json: { op: 'hb_ack' } } });
    expect(r.profile.sync).toEqual({ urlPath: '/api/history', param: 'after', responsePositions: 'messages[].seq' });
    expect(r.profile.hello).toBeUndefined();
  });

  it('gives every part a confidence, evidence seqs that exist, and a note', () => {
    const seqs = new Set(events.map((e) => e.seq));
    for (const p of r.parts) {
      expect(p.confidence).toBeGreaterThanOrEqual(0);
      expect(p.confidence).toBeLessThanOrEqual(1);
      expect(p.note.length).toBeGreaterThan(0);
      for (const s of p.evidence) expect(seqs.has(s)).toBe(true);
    }
    expect(part(r, 'discriminator').note).toContain('"op"');
    expect(part(r, 'position').evidence.length).toBeGreaterThanOrEqual(3);
    expect(part(r, 'sync').confidence).toBeGreaterThanOrEqual(0.8);
    expect(part(r, 'closeCodes').note).toContain('1006 ×3');
  });

  it('is deterministic', () => {
    expect(JSON.stringify(learnProfile(events))).toBe(JSON.stringify(r));
  });

  it('a client skipping its catch-up still gets the endpoint from start-up, and the analysis says sync-skipped', () => {
    const bad = chat({ skipSync: true });
    const lr = learnProfile(bad);
    expect(lr.profile.position).toEqual({ path: 'seq', contiguous: true });
    expect(lr.profile.sync).toEqual({ urlPath: '/api/history', param: 'after', responsePositions: 'messages[].seq' });
    const codes = analyze(bad, lr.profile).findings.map((f) => f.code);
    expect(codes.filter((c) => c === 'sync-skipped')).toHaveLength(2);
    const good = analyze(events, r.profile).findings.map((f) => f.code);
    expect(good.filter((c) => c.startsWith('sync') || c.startsWith('position'))).toEqual([]);
  });
});

describe('learnProfile: what is not a position', () => {
  it('nested data.meta.offset is the position; a ms timestamp and a per-connection counter are named as not', () => {
    const ev = session({
      url: () => 'wss://feed.example.com/live',
      data: (s, c, pos, k) => s.recv(c, { type: 'update', n: k + 1, data: { meta: { offset: pos, ts: s.t }, body: { x: pos % 7 } } }),
      step: 3,
    });
    const r = learnProfile(ev);
    expect(r.profile.position).toEqual({ path: 'data.meta.offset', contiguous: false });
    const note = part(r, 'position').note;
    expect(note).toMatch(/data\.meta\.ts looks like a timestamp/);
    expect(note).toMatch(/\bn restarts at 1 on each new connection: a per-connection counter/);
    expect(part(r, 'contiguous').note).toMatch(/not contiguous/);
  });

  it('random ids that change per frame but are never sent back are not a cursor', () => {
    let k = 0;
    const ev = session({
      url: () => 'wss://x.example.com/events',
      data: (s, c) => s.recv(c, { type: 'msg', id: `m-${((++k * 2654435761) % 4294967296).toString(36)}-z`, text: 'hi' }),
    });
    const r = learnProfile(ev);
    expect(r.profile.position).toBeUndefined();
    expect(part(r, 'position').confidence).toBe(0);
    // One negative, not "none of … is never sent back".
    expect(part(r, 'sync').note).toBe('no data frame carries a rising number, and the client never sends back any of the 1 string field(s) that change per frame (id): random ids, not cursors');
  });
});

describe('learnProfile: cursors in other places', () => {
  it('an opaque cursor string sent back in the reconnect URL (?resume=)', () => {
    const cur = (p: number) => `cA${(p * 7919).toString(36)}x${p}`;
    const ev = session({
      url: (_i, last) => `wss://x.example.com/stream${last ? `?resume=${cur(Number(last))}` : ''}`,
      data: (s, c, pos) => s.recv(c, { kind: 'item', cursor: cur(pos), item: { v: pos % 5 } }),
    });
    const r = learnProfile(ev);
    expect(r.profile.position).toEqual({ path: 'cursor', contiguous: false, opaque: true });
    expect(r.profile.sync).toEqual({ resumeParam: 'resume' });
    expect(part(r, 'position').note).toMatch(/opaque cursor/);
  });

  it('a numeric cursor in the reconnect URL', () => {
    const ev = session({
      url: (_i, last) => `wss://x.example.com/ws${last ? `?sequence_number=${last}` : ''}`,
      data: (s, c, pos) => s.recv(c, { event: 'tick', sequence: pos }),
    });
    const r = learnProfile(ev);
    expect(r.profile.position).toEqual({ path: 'sequence', contiguous: true });
    expect(r.profile.sync).toEqual({ resumeParam: 'sequence_number' });
  });

  it('an in-band resume frame', () => {
    const ev = session({
      url: () => 'wss://gw.example.com/',
      hello: (s, c) => s.recv(c, { op: 10, d: { heartbeat_interval: 3000 } }),
      data: (s, c, pos) => s.recv(c, { op: 0, s: pos, t: 'MESSAGE_CREATE', d: { content: 'x' } }),
      sync: (s, c, last) => s.send(c, { op: 6, d: { token: 't', session_id: 'abc', seq: last } }),
    });
    const r = learnProfile(ev);
    expect(r.profile.position?.path).toBe('s');
    expect(r.profile.hello?.match).toEqual({ dir: 'in', json: { op: 10 } });
    expect(r.profile.sync).toEqual({ frame: { dir: 'out', json: { op: 6 } }, cursorPath: 'd.seq' });
  });

  it('a JSON body POST catch-up', () => {
    let req = 0;
    const ev = session({
      url: () => 'wss://x.example.com/rt',
      data: (s, c, pos) => s.recv(c, { type: 'row', watermark: pos, row: [1, 2] }),
      sync: (s, _c, last) => {
        const id = `p${++req}`;
        s.push({ type: 'http-request', req: id, method: 'POST', url: 'https://x.example.com/api/catchup', initiator: 'fetch', body: JSON.stringify({ from: { watermark: last } }) });
        s.wait(3).response(id, 200, { rows: [{ watermark: last + 1 }] });
      },
    });
    const r = learnProfile(ev);
    expect(r.profile.sync).toEqual({ urlPath: '/api/catchup', bodyPath: 'from.watermark', responsePositions: 'rows[].watermark' });
    // The analysis reads the body cursor: a healthy client has no sync finding.
    const codes = analyze(ev, r.profile).findings.map((f) => f.code);
    expect(codes.filter((c) => c.startsWith('sync'))).toEqual([]);
  });

  it('a POST catch-up whose body was not recorded: the request after each reconnect is the catch-up, cursor unknown', () => {
    let req = 0;
    const ev = session({
      url: () => 'wss://x.example.com/rt',
      data: (s, c, pos) => s.recv(c, { type: 'row', watermark: pos }),
      sync: (s) => {
        const id = `p${++req}`;
        s.push({ type: 'http-request', req: id, method: 'POST', url: 'https://x.example.com/api/catchup', initiator: 'fetch' });
        s.wait(3).response(id, 200);
      },
    });
    const r = learnProfile(ev);
    expect(r.profile.sync).toEqual({ urlPath: '/api/catchup' });
    expect(part(r, 'sync').note).toMatch(/follows 2 of 2 reconnect\(s\) and is made nowhere else/);
    expect(analyze(ev, r.profile).findings.map((f) => f.code).filter((c) => c.startsWith('sync'))).toEqual([]);
  });

  it('Socket.IO-style 42[…] arrays: the event name at [0] and the offset read after the prefix', () => {
    const ev = session({
      url: () => 'wss://x.example.com/socket.io/?EIO=4&transport=websocket',
      hbMs: 2500,
      data: (s, c, pos, k) => {
        s.recv(c, `42${JSON.stringify(['chat', { text: 'x', off: pos }])}`);
        if (k % 4 === 3) s.recv(c, `42${JSON.stringify(['typing', { who: 'ann' }])}`);
      },
      ping: (s, c) => s.recv(c, '2'),
      pong: (s, c) => s.send(c, '3'),
      shape: { perConn: 40 },
    });
    const r = learnProfile(ev);
    expect(part(r, 'discriminator').note).toContain('"[0]"');
    expect(r.profile.position).toEqual({ path: '[1].off', contiguous: true, when: { dir: 'in', prefix: '42', json: {} } });
    expect(r.profile.heartbeat).toEqual({ intervalMs: 2500, ping: { dir: 'in', text: '2' }, pong: { dir: 'out', text: '3' } });
  });
});

describe('learnProfile: odd input', () => {
  it('no WebSocket at all gives a valid profile and parts that say why', () => {
    const ev = new Scenario().request('r1', 'https://x/a').response('r1', 200, '{}').build();
    const r = learnProfile(ev);
    expect(() => parseProfile(r.profile)).not.toThrow();
    expect(r.profile.position).toBeUndefined();
    expect(part(r, 'endpoint').note).toMatch(/no WebSocket/);
  });
});

describe('learnProfile on a capture with injected faults (docs/design.md#fault-events-and-flags)', () => {
  /** chat() with c1 closed by an injected `close 4001` and c2 by a `drop`; c2 and c3 frozen: their pings kept from the page, which therefore never answered them. */
  function faulted(): TraceEvent[] {
    const out: TraceEvent[] = [];
    for (const e of chat({ perConn: 60 })) {
      if (e.type === 'ws-close' && e.conn === 'c1') {
        out.push({ type: 'fault', seq: 0, t: e.t, kind: 'close', conn: 'c1', code: 4001, reason: 'token expired', origin: 'cli' } as TraceEvent);
        out.push({ ...e, code: 4001, reason: 'token expired', wasClean: true, synthetic: true });
      } else if (e.type === 'ws-close' && e.conn === 'c2') {
        out.push({ type: 'fault', seq: 0, t: e.t, kind: 'drop', conn: 'c2', origin: 'panel' } as TraceEvent);
        out.push(e); // the close that follows a drop, even without the synthetic mark
      } else if (e.type === 'ws-message' && e.conn !== 'c1' && e.data === '{"op":"hb"}') {
        out.push({ ...e, faulted: true });
      } else if (e.type === 'ws-send' && e.conn !== 'c1' && e.data === '{"op":"hb_ack"}') {
        continue; // the page never saw the ping, so it never answered
      } else out.push(e);
    }
    return out.map((e, i) => ({ ...e, seq: i + 1 }));
  }
  const events = faulted();
  const r = learnProfile(events);

  it('the injected closes teach no close code; the note says they were left out', () => {
    expect(r.profile.closeCodes).toBeUndefined();
    expect(part(r, 'closeCodes').note).toBe('seen: 1006 ×1 (2 closes injected by a fault left out)');
    const c3close = events.find((e) => e.type === 'ws-close' && e.conn === 'c3')!;
    expect(part(r, 'closeCodes').evidence).toEqual([c3close.seq]);
  });

  it('pings a freeze kept from the page ask no pong: the pong is still learned', () => {
    const frozen = events.filter((e) => e.type === 'ws-message' && e.faulted).length;
    const answered = events.filter((e) => e.type === 'ws-send' && e.data === '{"op":"hb_ack"}').length;
    expect(answered / (answered + frozen)).toBeLessThan(0.7); // below the reply threshold had they counted
    expect(r.profile.heartbeat).toEqual({ intervalMs: 3000, ping: { dir: 'in', json: { op: 'hb' } }, pong: { dir: 'out', json: { op: 'hb_ack' } } });
  });
});
