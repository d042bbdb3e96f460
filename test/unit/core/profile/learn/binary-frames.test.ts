import { describe, expect, it } from 'vitest';
import { learnProfile, type LearnedPart, type LearnResult } from '../../../../../src/core/profile/learn/learn-profile';
import type { TraceEvent } from '../../../../../src/core/events';
import { Scenario } from '../../analysis/scenario';

function part(r: LearnResult, name: LearnedPart['part']): LearnedPart {
  const p = r.parts.find((x) => x.part === name);
  if (!p) throw new Error(`no part ${name}`);
  return p;
}

/** An inbound binary frame of `bytes` bytes (base64, as the hook records binary frames). */
function binary(s: Scenario, conn: string, bytes: Uint8Array): Scenario {
  return s.push({ type: 'ws-message', conn, opcode: 2, size: bytes.length, data: Buffer.from(bytes).toString('base64'), encoding: 'base64', truncated: false });
}

/**
 * A server that sends every message as binary: a 15-byte frame exactly every 1.0 s for 20 s
 * (a counter in its last bytes), plus two stray text frames the client sent (`{"type":"auth"}`
 * and `{"type":"subscribe"}`).
 */
function binaryOnly(): TraceEvent[] {
  const s = new Scenario();
  s.create('c1', 'ws://127.0.0.1:9000/bin').wait(5).open('c1').wait(10);
  s.send('c1', { type: 'auth', token: 't' }).wait(10).send('c1', { type: 'subscribe', topic: 'a' });
  for (let k = 0; k < 20; k++) {
    s.wait(k === 0 ? 980 : 1000);
    const b = new Uint8Array(15);
    b[0] = 0x01;
    b[14] = k;
    binary(s, 'c1', b);
  }
  s.wait(100).close('c1', 1000, '', true);
  return s.build();
}

describe('learnProfile on a capture of binary frames', () => {
  const r = learnProfile(binaryOnly());

  it('says the binary frames are not learned from, and how many', () => {
    expect(part(r, 'endpoint').note).toBe('ws://127.0.0.1:9000/bin: 1 connection(s), 22 frame(s), of which 20 binary: binary frames are not learned from');
    expect(part(r, 'heartbeat').note).toBe('no small text frame recurs at a steady interval: no heartbeat seen (20 binary frames not learned from)');
    expect(part(r, 'position').note).toBe('no inbound JSON data frames: no stream position (20 binary frames not learned from)');
  });

  it('chooses nothing from the two stray text frames', () => {
    const disc = part(r, 'discriminator');
    expect(disc.confidence).toBeLessThan(0.5);
    expect(disc.note).toContain('2 of 2 JSON frames');
    expect(r.profile.heartbeat).toBeUndefined();
    expect(r.profile.position).toBeUndefined();
    expect(r.profile.hello).toBeUndefined();
    expect(r.profile.sync).toBeUndefined();
    expect(r.frames).toBe(22);
  });
});
