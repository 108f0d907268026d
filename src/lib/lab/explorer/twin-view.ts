import { Linear, type Dataset, type Dropout, type Sequential } from '../../engine';
import { applyMask, dropoutLayers, type KeepMask } from '../masks';
import type { TwinVariant } from '../twin/run';
import { FeatureMaps } from './feature-maps';
import type { ExplorerPreset } from './presets';
import { accuracy } from './robustness';
import { loadTwin, type TrainedTwin } from './twins';

/**
 * One trained twin as the page uses it after training: its feature maps over the plane and its
 * validation accuracy, both recomputed for the current hand-made mask. Two copies of the network
 * (one for the grid, one for the validation set) so neither reallocates its buffers when the
 * other runs with a different batch size.
 */
export class TwinView {
  /** The maps (hidden activations and decision map) for the last `update`. */
  readonly maps: FeatureMaps;
  /** Validation accuracy with the last `update`'s mask, 0…1. */
  valAccuracy = 0;
  /** The weights of each Linear layer, `[out, in]` row-major, for drawing the links. */
  readonly weights: { readonly data: Float32Array; inFeatures: number; outFeatures: number }[];

  private readonly scorer: Sequential;
  private readonly scorerDropouts: Dropout[];

  constructor(
    preset: ExplorerPreset,
    /** Which twin this is. */
    readonly twin: TwinVariant,
    trained: TrainedTwin,
    private readonly val: Dataset,
    resolution = 64
  ) {
    const model = loadTwin(preset, twin, trained.params);
    this.maps = new FeatureMaps(model, resolution);
    this.scorer = loadTwin(preset, twin, trained.params);
    this.scorerDropouts = dropoutLayers(this.scorer);
    this.weights = model.modules
      .filter((m): m is Linear => m instanceof Linear)
      .map((l) => ({
        // read through: the weights may live in wasm memory, whose views a later kernel call can replace
        get data() {
          return l.weight.data;
        },
        inFeatures: l.inFeatures,
        outFeatures: l.outFeatures
      }));
  }

  /** Recomputes the maps and the validation accuracy with `mask` (rescaled survivors if asked). */
  update(mask: KeepMask, rescale: boolean): void {
    this.maps.compute(mask, rescale);
    applyMask(this.scorerDropouts, mask, rescale ? 'kept-fraction' : 'none');
    this.valAccuracy = accuracy(this.scorer, this.val);
  }
}
