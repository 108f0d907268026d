import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { useKernels, loadWasmKernelsSync } from '../src/lib/engine';
import { TWIN_PRESETS } from '../src/lib/lab/twin/index';
import { UsageError, formatOptions, parseArgs, type OptionSpec, type ParsedArgs } from './args';
import { AUGMENT_HELP, AUGMENT_OPTIONS, runAugment } from './augment';
import { runBench, BENCH_HELP } from './bench';
import { ENSEMBLE_HELP, ENSEMBLE_OPTIONS, runEnsemble } from './ensemble';
import { INTERRUPTED_STATUS, interrupted } from './interrupt';
import { SWEEP_HELP, SWEEP_OPTIONS, runSweep } from './sweep';
import { TWIN_HELP, TWIN_OPTIONS, runTwin } from './twin';

/**
 * `dropout-lab`: the lesson's experiments, headless. Each command is the page's own lab code
 * (twin run, sweep, ensemble, augmentation, benchmark) driven from the terminal. Exit status: 0 success,
 * 1 the run failed (e.g. training diverged, data file missing), 2 bad command line or bad input
 * file (one line on stderr saying what is wrong and what is allowed), 130 stopped by Ctrl-C.
 */

/** One sub-command. */
interface Command {
  /** One-line description for the command list. */
  summary: string;
  /** Longer help shown above the options. */
  help: string;
  /** Its options (bench forwards its own). */
  options: OptionSpec[];
  /** False when the twin presets do not apply to its options (its help then does not list them). */
  presets?: boolean;
  /** Runs it; resolves to the exit status. */
  run: (args: ParsedArgs, argv: string[]) => Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  twin: {
    summary: 'Train one network without and with dropout; compare them.',
    help: TWIN_HELP,
    options: TWIN_OPTIONS,
    run: runTwin
  },
  sweep: {
    summary: 'Validation results over a grid of dropout rates (and training sizes), several seeds.',
    help: SWEEP_HELP,
    options: SWEEP_OPTIONS,
    run: runSweep
  },
  ensemble: {
    summary: 'Monte Carlo averaging of k thinned networks vs weight scaling.',
    help: ENSEMBLE_HELP,
    options: ENSEMBLE_OPTIONS,
    run: runEnsemble
  },
  augment: {
    summary: 'Dropout and data augmentation: four networks (neither, dropout, shifts, both) over seeds.',
    help: AUGMENT_HELP,
    options: AUGMENT_OPTIONS,
    presets: false,
    run: runAugment
  },
  bench: {
    summary: 'The engine benchmark (the same code as npm run bench).',
    help: BENCH_HELP,
    options: [],
    run: (_a, argv) => runBench(argv)
  }
};

/** The package version, read from package.json (one source of truth). */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Top-level help: the commands and the global options. */
function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length)) + 4;
  return `dropout-lab ${version()}: the Dropout Lab experiments from the command line.

Usage: dropout-lab <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`)
  .join('\n')}

Options:
  --help, -h    Show help (also: dropout-lab <command> --help).
  --version     Print the version.

Exit status: 0 success, 1 the run failed, 2 bad command line or input file, 130 stopped by Ctrl-C.`;
}

/** A command's help: its text, usage and options. */
function commandHelp(name: string, c: Command): string {
  const presets = c.presets === false ? '' : `\n\n${presetLines()}`;
  const options = c.options.length > 0 ? `\n\nOptions:\n${formatOptions(c.options)}${presets}` : '';
  return `Usage: dropout-lab ${name} [options]\n\n${c.help}${options}`;
}

/** What an option left out means: the preset's value. One line per preset, from TWIN_PRESETS itself. */
function presetLines(): string {
  const lines = Object.values(TWIN_PRESETS).map(
    (p) =>
      `  ${p.preset.padEnd(8)} --data ${p.data} --train ${p.trainSize} --val ${p.valSize} --layers ${Array(p.depth).fill(p.width).join(',')} ` +
      `--p ${[p.pInput, ...p.pHidden].join(',')} --optimizer ${p.optimizer} --lr ${p.lr} --batch ${p.batchSize} --epochs ${p.epochs} --seed ${p.seed}`
  );
  return `Options left out take the preset's value (the same presets as the page):\n${lines.join('\n')}`;
}

/** Runs the program on `argv` (without node and script) and resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(mainHelp() + '\n');
    return 0;
  }
  if (first === '--version' || first === '-v') {
    process.stdout.write(version() + '\n');
    return 0;
  }
  const command = COMMANDS[first];
  if (!command) {
    const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`;
    throw new UsageError(`${what}; commands are: ${Object.keys(COMMANDS).join(', ')} (see dropout-lab --help)`);
  }
  if (first === 'bench') {
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(commandHelp(first, command) + '\n');
      return 0;
    }
    return command.run({ values: {}, given: new Set(), help: false }, rest);
  }
  const args = parseArgs(rest, command.options, `dropout-lab ${first}`);
  if (args.help) {
    process.stdout.write(commandHelp(first, command) + '\n');
    return 0;
  }
  // The WebAssembly SIMD kernels: several times faster than the JS ones on wide layers.
  const wasm = loadWasmKernelsSync();
  if (wasm) useKernels(wasm);
  const status = await command.run(args, rest);
  return interrupted() ? INTERRUPTED_STATUS : status;
}

/** Runs main, prints errors as one line (no stack trace) and sets the exit status. */
export async function run(argv: string[]): Promise<void> {
  let status: number;
  try {
    status = await main(argv);
  } catch (e) {
    const usage = e instanceof UsageError;
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`dropout-lab: ${usage ? '' : 'error: '}${message}\n`);
    if (process.env.DROPOUT_LAB_DEBUG && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
    status = usage ? 2 : 1;
  }
  if (interrupted()) process.stderr.write('Stopped by Ctrl-C; the rows finished so far were written.\n');
  process.exitCode = status;
}

// Run when executed directly (`node --import tsx cli/main.ts …`); cli/bin.mjs calls run() itself.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run(process.argv.slice(2));
