import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { isRedactionMark, queryParam, redactJsonText, redactUrl, redactionMark } from '../../../src/core/redact';

const mark = (v: string) => 'REDACTED~' + createHash('sha256').update(v, 'utf8').digest('hex').slice(0, 4);

describe('redaction (docs/design.md#trace-format)', () => {
  it('marks are the first 4 hex digits of SHA-256 of the value', () => {
    expect(redactionMark('abc')).toBe('REDACTED~ba78');
    expect(redactionMark('s3cr3t')).toBe(mark('s3cr3t'));
    expect(isRedactionMark(redactionMark('x'))).toBe(true);
    expect(redactionMark(redactionMark('x'))).toBe(redactionMark('x'));
  });

  it('redacts secret query parameters case-insensitively and keeps the rest byte for byte', () => {
    const url = 'wss://h.example/v1/stream?Token=abc%20d&room=a%2Fb&API_KEY=k#frag';
    expect(redactUrl(url)).toBe(`wss://h.example/v1/stream?Token=${mark('abc d')}&room=a%2Fb&API_KEY=${mark('k')}#frag`);
    expect(redactUrl('/v1/sync?since=5')).toBe('/v1/sync?since=5');
    expect(redactUrl('not a url')).toBe('not a url');
  });

  it('reads query parameters from relative and absolute URLs', () => {
    expect(queryParam('/v1/sync?since=42&x', 'since')).toBe('42');
    expect(queryParam('/v1/sync?x', 'x')).toBe('');
    expect(queryParam('/v1/sync', 'since')).toBeUndefined();
  });

  it('redacts JSON keys at any depth and leaves other text alone', () => {
    const text = JSON.stringify({ type: 'auth', auth: { jwt: 'eyJ.x.y' }, list: [{ password: 'pw' }], n: 1 });
    const out = JSON.parse(redactJsonText(text));
    expect(out.auth).toBe(mark(JSON.stringify({ jwt: 'eyJ.x.y' })));
    expect(out.list[0].password).toBe(mark('pw'));
    expect(out.n).toBe(1);
    expect(redactJsonText('{"type":"ping"}')).toBe('{"type":"ping"}');
    expect(redactJsonText('42["token","abc"]')).toBe('42["token","abc"]');
  });
});
