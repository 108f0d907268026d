/**
 * PyTorch as an optional engine of `npm run bench`: bench/torch_bench.py in one long-lived
 * /usr/bin/python3 process (importing torch takes seconds), spoken to in JSON lines. It trains the
 * same workloads on the same training set (the exact Float32 inputs and labels our engine uses,
 * handed over in a temporary file), on one thread, and reports steps per CPU-second of its own
 * process. When torch is not importable the bench prints how to install it instead.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Measurement } from './timing';
import { dataFor, type TrainWorkload } from './workloads';

/** The interpreter the Debian packages install torch for. */
export const PYTHON = '/usr/bin/python3';

/** What to print when PyTorch is missing. */
export const TORCH_INSTALL_HINT = 'PyTorch not found: sudo apt-get install python3-torch libopenblas0-openmp';

/** torch's version if `/usr/bin/python3 -c "import torch"` works, else null. */
export function torchVersion(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** A running bench/torch_bench.py. */
export class TorchEngine {
  private readonly lines: AsyncIterator<string>;
  private readonly dir = mkdtempSync(join(tmpdir(), 'dl-torch-'));
  private sentData = '';

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    rl: Interface,
    /** torch.__version__ and its thread count, from the script's first line. */
    readonly version: string
  ) {
    this.lines = rl[Symbol.asyncIterator]();
  }

  /** Starts the script and waits for its "ready" line. */
  static async start(): Promise<TorchEngine> {
    const script = fileURLToPath(new URL('./torch_bench.py', import.meta.url));
    const child = spawn(PYTHON, [script], {
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' }
    });
    child.stderr.on('data', (d: Buffer) => process.stderr.write(`[torch] ${d.toString()}`));
    const rl = createInterface({ input: child.stdout });
    const first = (await rl[Symbol.asyncIterator]().next()).value as string | undefined;
    if (!first) throw new Error('bench/torch_bench.py exited before it was ready');
    const hello = JSON.parse(first) as { torch: string; threads: number };
    return new TorchEngine(child, rl, `${hello.torch}, ${hello.threads} thread`);
  }

  private async ask<T>(msg: object): Promise<T> {
    this.child.stdin.write(JSON.stringify(msg) + '\n');
    const { value, done } = await this.lines.next();
    if (done) throw new Error('bench/torch_bench.py exited');
    const answer = JSON.parse(value as string) as T & { error?: string };
    if (answer.error) throw new Error(`PyTorch: ${answer.error}`);
    return answer;
  }

  /** Times training steps of `w` in PyTorch (one call = one batch), after `warmupMs` untimed. */
  async train(w: TrainWorkload, timeMs: number, warmupMs = 1000): Promise<Measurement> {
    if (this.sentData !== w.data) {
      const { x, y } = dataFor(w.data).train;
      const n = y.shape[0];
      const path = join(this.dir, `${w.data}.f32`);
      const bytes = new Float32Array(n * w.inputs + n);
      bytes.set(x.data.subarray(0, n * w.inputs));
      bytes.set(y.data.subarray(0, n), n * w.inputs);
      writeFileSync(path, bytes);
      await this.ask({ cmd: 'data', path, n, features: w.inputs });
      this.sentData = w.data;
    }
    const r = await this.ask<{ calls: number; cpuSeconds: number; seconds: number }>({
      cmd: 'train',
      workload: w,
      timeMs,
      warmupMs
    });
    return {
      calls: r.calls,
      seconds: r.seconds,
      cpuSeconds: r.cpuSeconds,
      callsPerSec: r.calls / r.seconds,
      callsPerCpuSec: r.calls / r.cpuSeconds
    };
  }

  /** Ends the script and removes the data file. */
  stop(): void {
    this.child.stdin.end(JSON.stringify({ cmd: 'quit' }) + '\n');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
