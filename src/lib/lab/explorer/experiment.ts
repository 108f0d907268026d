import type { ExplorerReply, ExplorerResult } from './protocol';
import { presetFor } from './presets';
import { robustnessCurve } from './robustness';
import { loadTwin, trainTwins } from './twins';

/** Share of the progress bar given to training (the rest is the robustness curves). */
const TRAIN_SHARE = 0.8;

/** Random subsets per point of the robustness curves (enough for smooth means, fast enough to wait for). */
export const CURVE_SUBSETS = 60;

/**
 * The explorer's whole background job, as the worker runs it (and the tests): train both twins
 * of `dataset`'s preset, then measure both robustness curves on the validation set, reporting
 * progress through `report`. Framework-free.
 */
export function runExplorer(dataset: string, run: number, report: (m: ExplorerReply) => void): ExplorerResult {
  const preset = presetFor(dataset);
  const twins = trainTwins(preset, {
    onProgress: (p) => report({ type: 'progress', run, stage: p.twin, fraction: p.fraction * TRAIN_SHARE })
  });
  report({ type: 'progress', run, stage: 'robustness', fraction: TRAIN_SHARE });
  const nets = { dropout: loadTwin(preset, 'dropout', twins.dropout.params), plain: loadTwin(preset, 'plain', twins.plain.params) };
  const rescaled = robustnessCurve(nets, preset.hidden, twins.data.val, { subsets: CURVE_SUBSETS, rescale: true });
  report({ type: 'progress', run, stage: 'robustness', fraction: (1 + TRAIN_SHARE) / 2 });
  const unscaled = robustnessCurve(nets, preset.hidden, twins.data.val, { subsets: CURVE_SUBSETS, rescale: false });
  return { ...twins, curves: { rescaled, unscaled } };
}
