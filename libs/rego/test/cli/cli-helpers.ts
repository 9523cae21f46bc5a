/** Spawns bin/coresdk.js on temporary policy directories. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const LAUNCHER = resolve(__dirname, '..', '..', '..', '..', 'bin', 'coresdk.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCoresdk(args: string[], cwd: string): CliRun {
  const result = spawnSync(process.execPath, [LAUNCHER, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CORESDK_CLI_FROM_SOURCE: '1' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary directory holding `files` (relative path → content). */
export function tempTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'coresdk-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
