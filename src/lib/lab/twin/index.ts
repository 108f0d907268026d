/**
 * The twin run: the same network trained twice — once plain, once with dropout — from
 * the same initial weights, on the same data, in the same example order. Framework-free: the Web
 * Worker (src/lib/lab/workers/twin.worker.ts), the unit tests and the CLI all drive this code.
 *
 * Typical use (Node or a worker):
 *
 *     import { validateTwinConfig, buildTwinSplit, createTwinRun, verdict, curvesToCsv } from './lab/twin'; // (relative to src/lib)
 *     const { config, notes } = validateTwinConfig({ preset: 'overfit', lr: 0.01 }); // never throws
 *     const split = buildTwinSplit(config, { mnist });      // mnist only for data 'mnist'; csv: { csv: split }
 *     const plain = createTwinRun(config, split, 'plain');  // p = 0 everywhere
 *     const drop = createTwinRun(config, split, 'dropout'); // config.pInput / config.pHidden
 *     while (!plain.step().stopped) {}                      // step() = one epoch → { stats } | { stopped }
 *     while (!drop.step().stopped) {}
 *     console.log(verdict(plain.history, drop.history).text);
 *     writeFileSync('curves.csv', curvesToCsv(plain.history, drop.history));
 *
 * The API:
 * - config.ts — `TwinConfig` (data, sizes, noise, width/depth, activation, pInput, pHidden[],
 *   optimizer, lr, momentum, batchSize, epochs, seed), `TWIN_PRESETS` ('overfit' default,
 *   'digits', 'plenty', 'paper'), `TWIN_LIMITS`, `presetConfig(name)`, `validateTwinConfig(anything)` →
 *   `{ config, notes }` (clamps/rounds/ignores bad values, one note per change).
 * - url.ts — `parseTwinQuery(query)` → `{ config, notes }` (never throws) and `toTwinQuery(config)`
 *   (preset + differences), `TWIN_URL_KEYS` (also handy as CLI flag names).
 * - split.ts — `buildTwinSplit(config, { mnist?, csv? })`: 2-D via makeTwoD (seed's 'data'
 *   stream), MNIST via mnistSplit from a given MnistSet, or the CSV Split as passed in.
 * - run.ts — `createTwinRun(config, split, 'plain' | 'dropout')` → `TwinRun` with `step()` /
 *   `runEpoch(shouldStop?)` returning `{ stats, stopped: null }` or `{ stats: null, stopped }`
 *   (cap reached → `{kind:'done'}`; divergence → the Trainer's message), `history`, `model`,
 *   `trainer`, `decisionMap(resolution)` (2-D only: P(class 1) over the plane grid).
 * - verdict.ts — `verdict(plainHistory, dropoutHistory)` → `{ plain, dropout, lastPlain,
 *   lastDropout, text }`, `bestEpoch(history)`.
 * - csv.ts — `CURVE_COLUMNS`, `curveRows` (the page's data table), `curvesToCsv`.
 * - code.ts — `toPyTorch(config, classes, inputs)`, `toKeras(config, classes, inputs)`.
 *
 * Every loss and accuracy is measured by the engine's Trainer in eval mode over the whole split.
 *
 * Preset figures (Node, this engine, seeds as in the presets; tests/lab/twin/presets.test.ts
 * re-checks the claims): "Overfit on purpose" (40 moons points, 10% flipped, 2→64→64→1, Adam
 * 0.01, full batch, 300 epochs): best validation loss about the same with and without dropout
 * (0.27 vs 0.25), but at epoch 300 it is 0.42 with dropout vs 1.03 without — early stopping
 * rescues the plain net, dropout keeps the net from drifting. "Plenty of data" (1,000 points):
 * both end near 0.25, dropout's edge is gone.
 */
export * from './config';
export * from './url';
export * from './split';
export * from './run';
export * from './verdict';
export * from './csv';
export * from './code';
export * from './session';
