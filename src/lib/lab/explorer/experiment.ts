import { keepAll } from '../masks';
import type { TwinVariant } from '../twin/run';
import { copyMaps } from './feature-maps';
import { MAP_RESOLUTION, type ExplorerReply, type ExplorerResult, type FirstView } from './protocol';
import { presetFor } from './presets';
import { robustnessCurve } from './robustness';
import { TwinView } from './twin-view';
import { loadTwin, trainTwins, type TrainedTwins } from './twins';
import type { DrawnPoint } from '../user-data/drawn';
import { drawnTwoDSplit } from '../user-data/split';

/** Share of the progress bar given to training (the rest is the robustness curves). */
const TRAIN_SHARE = 0.8;

/** Random subsets per point of the robustness curves (enough for smooth means, fast enough to wait for). */
export const CURVE_SUBSETS = 60;

/**
 * The explorer's whole background job, as the worker runs it (and the tests): train both twins
 * of `dataset`'s preset, measure both robustness curves on the validation set, and compute the
 * first maps (nothing dropped, so rescaling makes no difference), reporting progress through
 * `report`. With `points` (drawn by the learner) the twins learn those, with `dataset`'s recipe.
 * Framework-free.
 */
export function runExplorer(
  dataset: string,
  run: number,
  report: (m: ExplorerReply) => void,
  points?: readonly DrawnPoint[]
): ExplorerResult {
  const preset = presetFor(dataset);
  const twins = trainTwins(preset, {
    data: points ? drawnTwoDSplit(points, preset.seed) : undefined,
    onProgress: (p) => report({ type: 'progress', run, stage: p.twin, fraction: p.fraction * TRAIN_SHARE })
  });
  report({ type: 'progress', run, stage: 'robustness', fraction: TRAIN_SHARE });
  const nets = {
    dropout: loadTwin(preset, 'dropout', twins.dropout.params),
    plain: loadTwin(preset, 'plain', twins.plain.params)
  };
  const rescaled = robustnessCurve(nets, preset.hidden, twins.data.val, { subsets: CURVE_SUBSETS, rescale: true });
  report({ type: 'progress', run, stage: 'robustness', fraction: (1 + TRAIN_SHARE) / 2 });
  const unscaled = robustnessCurve(nets, preset.hidden, twins.data.val, { subsets: CURVE_SUBSETS, rescale: false });
  return {
    ...twins,
    curves: { rescaled, unscaled },
    first: { dropout: firstView(twins, 'dropout'), plain: firstView(twins, 'plain') }
  };
}

/** A twin's maps and accuracy with every neuron kept, as the page's first picture. */
export function firstView(twins: TrainedTwins, twin: TwinVariant, resolution = MAP_RESOLUTION): FirstView {
  const view = new TwinView(twins.preset, twin, twins[twin], twins.data.val, resolution);
  view.update(keepAll(twins.preset.hidden), true);
  const weights = view.weights.map((w) => ({ ...w, data: w.data.slice() }));
  return { maps: copyMaps(view.maps), valAccuracy: view.valAccuracy, weights };
}
