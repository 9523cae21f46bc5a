import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const REQUIRE_HOOK = join(__dirname, 'typescript-require-hook.js');
const SAMPLE_MAIN = join(REPO_ROOT, 'apps', 'sample', 'src', 'main.ts');
const TOKEN_SCRIPT = join(REPO_ROOT, 'scripts', 'token.ts');
const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

/** The environment minus every CORESDK_* / SAMPLE_* setting, so a run starts unconfigured. */
export function unconfiguredEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('CORESDK_') && !name.startsWith('SAMPLE_')) env[name] = value;
  }
  return { ...env, ...extra };
}

/** The sample's main.ts, run from source in `cwd` as `npm start` would run the build. */
export class SampleProcess {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    child.stdout?.on('data', (chunk) => (this.output += chunk));
    child.stderr?.on('data', (chunk) => (this.output += chunk));
  }

  static async start(cwd: string, env: Record<string, string>): Promise<SampleProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', REQUIRE_HOOK, SAMPLE_MAIN], {
      cwd,
      env: unconfiguredEnvironment({ ...env, PORT: String(port) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const sample = new SampleProcess(child, `http://127.0.0.1:${port}`);
    await sample.waitUntilHealthy(20_000);
    return sample;
  }

  /** Stops this process (and only it) and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      this.child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      this.child.kill('SIGTERM');
    });
  }

  private async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(`the sample exited with ${this.child.exitCode}:\n${this.output}`);
      }
      try {
        if ((await fetch(`${this.baseUrl}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await this.stop();
    throw new Error(`the sample did not answer /health within ${timeoutMs} ms:\n${this.output}`);
  }
}

/** Runs `npm run token -- <args>` (the script itself, through tsx) in `cwd`; returns the token. */
export async function mintDevelopmentToken(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(TSX, [TOKEN_SCRIPT, ...args], {
    cwd,
    env: unconfiguredEnvironment({}),
    timeout: 15_000,
  });
  return stdout.trim();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
