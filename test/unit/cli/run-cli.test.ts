/** CLI dispatcher: help, version, unknown command, record placeholder (docs/design.md#command-line). */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli';

describe('wavetrace (dispatcher)', () => {
  it('no command prints a one-line reason and the usage on stderr and exits 2', async () => {
    const r = await runCli([]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe('wavetrace: no command given (commands: check, record, view, profile)');
    expect(r.stderr).toContain('Usage: wavetrace <command>');
    expect(r.stderr).toContain('check <file.wavetrace.json[.gz] | file.har> [--profile <name|file.json>] [--format text|json]');
  });

  it('--help, -h and help print usage and exit 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await runCli(argv);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain('Usage: wavetrace <command>');
      expect(r.stdout).toContain('check <file.wavetrace.json[.gz] | file.har> [--profile <name|file.json>] [--format text|json]');
      expect(r.stderr).toBe('');
    }
  });

  it('check --help and help check print the check usage', async () => {
    for (const argv of [['check', '--help'], ['help', 'check']]) {
      const r = await runCli(argv);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain('Usage: wavetrace check');
      expect(r.stdout).toContain('Exit status: 0 no error findings and no failed recovery, 1 at least one error finding or a\nfailed recovery, 2 the input could not be read.');
    }
  });

  it('--version', async () => {
    const r = await runCli(['--version']);
    expect(r).toEqual({ exitCode: 0, stdout: 'wavetrace 0.1.0\n', stderr: '' });
  });

  it('an unknown command exits 2 with a one-line reason first', async () => {
    const r = await runCli(['analyse', 'x']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe('wavetrace: unknown command "analyse" (commands: check, record, view, profile; see wavetrace --help)');
  });

  it('record checks its arguments before starting a browser (exit 2, one line)', async () => {
    expect(await runCli(['record'])).toEqual({ exitCode: 2, stdout: '', stderr: 'wavetrace: record needs a URL (see wavetrace record --help)\n' });
    expect((await runCli(['record', 'https://example.com', '--browser', 'safari'])).stderr).toBe('wavetrace: --browser must be chromium or firefox, got "safari"\n');
    expect((await runCli(['record', 'https://example.com', '--duration', 'soon'])).stderr).toBe('wavetrace: --duration must be a number of seconds between 0 and 3600, got "soon"\n');
    expect((await runCli(['record', 'javascript:alert(1)'])).exitCode).toBe(2);
    const help = await runCli(['record', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('--duration s');
    expect(help.stdout).toContain('--resilience');
  });

  it('record --resilience takes neither --fault nor --duration (exit 2, one line)', async () => {
    expect(await runCli(['record', 'https://example.com', '--resilience', '--fault', 'drop@1'])).toEqual({ exitCode: 2, stdout: '', stderr: 'wavetrace: --resilience runs its own sequence of faults: it cannot be combined with --fault\n' });
    expect(await runCli(['record', 'https://example.com', '--duration', '5', '--resilience'])).toEqual({ exitCode: 2, stdout: '', stderr: 'wavetrace: --resilience records as long as its sequence runs: it cannot be combined with --duration\n' });
  });
});
