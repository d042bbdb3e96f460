/**
 * `wavetrace record --fault <spec>` (repeatable): a bad spec is one line and exit 2 before any
 * browser starts; each spec becomes a command aimed at the newest open connection, applied at
 * its time through the panel's automation handle.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/cli/run-cli';
import { commandFor, recordWithFaults, takeFaultArgs } from '../../../../src/cli/record/fault-schedule';
import { parseFaultSpec } from '../../../../src/core/fault/fault-spec';

describe('record --fault', () => {
  it('a bad spec is one line and exit 2, before a browser starts', async () => {
    expect(await runCli(['record', 'https://example.com', '--fault', 'explode@1'])).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'wavetrace: bad --fault "explode@1": unknown kind "explode" (drop, close, freeze, thaw, refuse, fail-sync, skip)\n',
    });
    expect((await runCli(['record', 'https://example.com', '--fault=drop@5', '--fault', 'close@5'])).stderr).toBe('wavetrace: bad --fault "close@5": close needs a code from 1000 to 4999, e.g. close:4001@5\n');
    expect((await runCli(['record', 'https://example.com', '--fault'])).exitCode).toBe(2);
    expect((await runCli(['record', '--help'])).stdout).toContain('--fault <spec>');
  });

  it('takes every --fault out of the arguments, in order', () => {
    expect(takeFaultArgs(['https://x', '--fault', 'drop@5', '--duration', '9', '--fault=skip:3@6'])).toEqual({ specs: ['drop@5', 'skip:3@6'], rest: ['https://x', '--duration', '9'] });
  });

  it('aims each spec at the newest open connection (refuse at its endpoint; fail-sync at none)', () => {
    const target = { conn: 'a.3', url: 'wss://api.example.com/v1/stream?token=t' };
    expect(commandFor(parseFaultSpec('drop@5'), target)).toEqual({ kind: 'drop', origin: 'cli', conn: 'a.3' });
    expect(commandFor(parseFaultSpec('close:4001@5'), target)).toEqual({ kind: 'close', origin: 'cli', conn: 'a.3', code: 4001 });
    expect(commandFor(parseFaultSpec('freeze:20000@8'), target)).toEqual({ kind: 'freeze', origin: 'cli', conn: 'a.3', ms: 20000 });
    expect(commandFor(parseFaultSpec('refuse:5000@8'), target)).toEqual({ kind: 'refuse', origin: 'cli', endpoint: 'wss://api.example.com/v1/stream', ms: 5000 });
    expect(commandFor(parseFaultSpec('fail-sync:503:2@0'), undefined)).toEqual({ kind: 'fail-sync', origin: 'cli', count: 2, status: 503 });
    expect(commandFor(parseFaultSpec('skip:3@6'), target)).toEqual({ kind: 'skip', origin: 'cli', conn: 'a.3', count: 3 });
    expect(commandFor(parseFaultSpec('drop@5'), undefined)).toBe('no open connection for drop@5');
  });

  it('applies the faults in time order through the panel and says what it did', async () => {
    const sent: string[] = [];
    const log: string[] = [];
    const evaluate = async <T,>(expr: string): Promise<T> => {
      sent.push(expr);
      if (expr.includes('newestOpenConnection')) return { conn: 'a.1', url: 'ws://127.0.0.1:1/s' } as T;
      return (expr.includes('"close"') ? 'close needs a code from 1000 to 4999' : '') as T;
    };
    await recordWithFaults(evaluate, [parseFaultSpec('skip:2@0.02'), parseFaultSpec('drop@0'), parseFaultSpec('close:4001@0.01'), parseFaultSpec('drop@9')], 0.05, (l) => log.push(l));
    expect(log).toEqual([
      'fault drop@0 applied to connection a.1',
      'fault close:4001@0.01 not applied: close needs a code from 1000 to 4999',
      'fault skip:2@0.02 applied to connection a.1',
      'fault drop@9 is after the end of the recording (0.05 s): not applied',
    ]);
    expect(sent.filter((s) => s.includes('.fault('))).toEqual([
      'globalThis.wavetrace.fault({"kind":"drop","origin":"cli","conn":"a.1"})',
      'globalThis.wavetrace.fault({"kind":"close","origin":"cli","conn":"a.1","code":4001})',
      'globalThis.wavetrace.fault({"kind":"skip","origin":"cli","conn":"a.1","count":2})',
    ]);
  });
});
