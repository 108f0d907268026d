import { CLASSES, INPUTS, type RatesConfig } from './config';

/**
 * The grid as a list of training runs, what an epoch of each costs, and the order in which the
 * page's workers take them. Plan order is seed-major (every cell once, then every cell again): the
 * CLI runs it as it stands, and it is the order results are put back in.
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
 * The work of one epoch of one run, in multiply-adds: it trains on every training digit (forward
 * and backward, about 3× the forward) and then measures the training and validation sets
 * (forward). A relative figure for stating what an extra width costs; dropout's skipped zeros make
 * real runs somewhat cheaper.
 */
export function epochCost(width: number, config: Pick<RatesConfig, 'trainSize' | 'valSize'>): number {
  return weightsPerExample(width) * (4 * config.trainSize + config.valSize);
}

/** The work of one epoch of every run of a grid (every width, rate and seed). */
export function gridEpochCost(config: RatesConfig): number {
  return config.widths.reduce((sum, w) => sum + epochCost(w, config), 0) * config.pGrid.length * config.seeds.length;
}

/** The work of runs that trained as long as `runs` say (each its own epochs). */
export function workDone(
  runs: readonly { width: number; epochs: number }[],
  config: Pick<RatesConfig, 'trainSize' | 'valSize'>
): number {
  return runs.reduce((sum, r) => sum + epochCost(r.width, config) * r.epochs, 0);
}

/**
 * The order in which the page's workers take jobs from one shared queue. Early stopping makes a
 * run's length unknown until it ends, so no split made in advance can be fair; instead each worker
 * takes the next job whenever it finishes one. The widest (longest) runs go first, so the last jobs
 * handed out are short and both workers finish close together; within a width, plan order, so the
 * first seed of every cell comes before the second. A job's numbers depend only on the job, the
 * config and the digits, never on which worker ran it or when.
 */
export function queueOrder(jobs: readonly RatesJob[]): RatesJob[] {
  return [...jobs].sort((a, b) => b.width - a.width || a.index - b.index);
}
