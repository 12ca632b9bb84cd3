import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../cli/program.js';
import { projectRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

describe('scalecast', () => {
  it('reports the version in package.json', async () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version);
    expect((await runCli('--version')).stdout.trim()).toBe(VERSION);
  });

  it('gives every command a --help with an example', async () => {
    for (const cmd of ['main', 'inspect', 'simulate']) {
      const r = await runCli(cmd, '--help');
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toMatch(/Examples?:\n\s+\$ scalecast/);
    }
  });

  it('with --json, also prints a usage error as JSON on stdout', async () => {
    const r = await runCli('inspect', '--no-such-flag', '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--no-such-flag'");
    expect(JSON.parse(r.stdout)).toEqual({ error: { kind: 'usage', code: 'usage', message: "unknown option '--no-such-flag'" } });
    const missing = await runCli('simulate', '--json');
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error.message).toContain("required option '-o, --out <dir>' not specified");
    expect((await runCli('inspect', '--no-such-flag')).stdout).toBe('');
  });

  it('exits 2 on an unknown command', async () => {
    const r = await runCli('predictt');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'predictt'");
  });
});
