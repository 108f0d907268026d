import { CLASSES, INPUTS, type RatesConfig } from './config';

/**
 * The grid as a list of training runs, what each costs, and how the runs are shared between the
 * page's workers. Plan order is seed-major (every cell once, then every cell again), so the whole
 * heatmap has a first value early and the second seed refines it.
 */

/** One training run: a cell of the grid and one of its seeds. */
export interface RatesJob {
  /** Position in the plan (stable across workers; results are put back in this order). */
  index: number;
  /** Units in each hidden layer. */
  width: number;
  /** Drop probability after each hidden layer. */
  p: number;
  /** The seed of this repeat. */
  seed: number;
}

/** Every run of the sweep: seeds outermost, then widths, then rates. */
export function planRates(config: RatesConfig): RatesJob[] {
  const jobs: RatesJob[] = [];
  for (const seed of config.seeds)
    for (const width of config.widths) for (const p of config.pGrid) jobs.push({ index: jobs.length, width, p, seed });
  return jobs;
}

/** Multiply-adds of one example through the network's weights (forward only). */
export function weightsPerExample(width: number): number {
  return INPUTS * width + width * width + width * CLASSES;
}

/**
 * The work of one run, in multiply-adds: each epoch trains on every training digit (forward and
 * backward, about 3× the forward) and then measures the training and validation sets (forward).
 * A relative figure for balancing and for stating what an extra width costs; dropout's skipped
 * zeros make real runs somewhat cheaper.
 */
export function runCost(width: number, config: Pick<RatesConfig, 'trainSize' | 'valSize' | 'epochs'>): number {
  return weightsPerExample(width) * (4 * config.trainSize + config.valSize) * config.epochs;
}

/** The work of a whole grid (every width, rate and seed). */
export function gridCost(config: RatesConfig): number {
  return config.widths.reduce((sum, w) => sum + runCost(w, config), 0) * config.pGrid.length * config.seeds.length;
}

/**
 * Shares the jobs between `workers` workers so that each gets about the same work: the longest
 * runs are placed first, each on the least loaded worker (longest processing time first). Each
 * share keeps plan order, so every worker also fills the grid seed by seed.
 */
export function shareJobs(jobs: readonly RatesJob[], config: RatesConfig, workers: number): RatesJob[][] {
  if (!(Number.isInteger(workers) && workers >= 1)) throw new RangeError(`workers must be ≥ 1, got ${workers}`);
  const shares: RatesJob[][] = Array.from({ length: workers }, () => []);
  const load = new Array<number>(workers).fill(0);
  const byCost = [...jobs].sort((a, b) => runCost(b.width, config) - runCost(a.width, config) || a.index - b.index);
  for (const job of byCost) {
    let w = 0;
    for (let i = 1; i < workers; i++) if (load[i] < load[w]) w = i;
    shares[w].push(job);
    load[w] += runCost(job.width, config);
  }
  for (const s of shares) s.sort((a, b) => a.index - b.index);
  return shares;
}
