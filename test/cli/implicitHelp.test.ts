/**
 * Help nobody asked for by flag: `scalecast` alone and `scalecast plot` alone show their help on
 * stdout and succeed; `help <unknown>` is an unknown command, one line and exit 2.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';

describe('implicit help', () => {
  it('shows the command list on stdout for a bare scalecast', async () => {
    const r = await runCli();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: scalecast \[options\] \[command\]/);
    expect(r.stdout).toContain('predict [options]');
  });

  it('shows the chart kinds on stdout for a bare scalecast plot', async () => {
    const r = await runCli('plot');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: scalecast plot/);
    expect(r.stdout).toContain('chinchilla');
  });

  it('refuses help for an unknown command in one line', async () => {
    const top = await runCli('help', 'nope');
    expect(top).toEqual({ code: 2, stdout: '', stderr: "scalecast: error: unknown command 'nope' (see scalecast --help)\n" });
    const plot = await runCli('plot', 'help', 'nope');
    expect(plot.stderr).toBe("scalecast: error: unknown command 'nope' (see scalecast plot --help)\n");
    const json = await runCli('help', 'nope', '--json');
    expect(json.stderr).toBe(top.stderr);
    expect(JSON.parse(json.stdout)).toEqual({ error: { kind: 'usage', code: 'usage', message: "unknown command 'nope'" } });
  });

  it('still prints usage errors on stderr', async () => {
    const r = await runCli('nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^scalecast: error: unknown command 'nope'/);
  });
});
