import type { Component } from 'svelte';
import type { EmbedSpec } from '../../lab/embed/flags';
import { H_MAX, H_MIN, P_MAX, P_MIN } from '../../lab/expected-value';
import { EXPLORER_PRESETS } from '../../lab/explorer/presets';
import { TWO_D_SETS } from '../../lab/planes';
import { TRAIN_SIZES } from '../../lab/rates/config';
import { P_CHOICES } from '../../lab/spatial/experiment';
import { TWIN_URL_KEYS } from '../../lab/twin/url';
import type { SectionId } from '../lesson/sections';

/**
 * Every example that has an embed page (/embed/<name>). Adding one is one entry here: the page, its
 * prerendering, the service worker's cache, the frame policy and the browser tests follow from this list.
 * The component then asks `embedControls()` (./context.ts) whether each control named in `flags.controls`
 * is hidden or locked, and reads `flags.settings` with `setting(key)`.
 */
export interface EmbedEntry {
  /** The one-line title of the embed page, and the iframe's accessible name. */
  title: string;
  /** The lesson section the page links back to. */
  section: SectionId;
  /**
   * The lesson's h3 above the example, when the example's own headings are h4 (spatial): the embed page
   * repeats it, visually hidden, after the section's h2, so heading levels still go one step at a time.
   */
  subheading?: string;
  /** Loads the example component (a dynamic import, so each embed page carries only its own example). */
  load: () => Promise<{ default: Component }>;
  /** Selector of what shows the example has produced its first result (the browser tests wait on it). */
  ready: string;
  /** The controls `hide`/`lock` may name and the settings the address may give. */
  flags: EmbedSpec;
}

const twoD = TWO_D_SETS.map((s) => s.name);

const ENTRIES = {
  twin: {
    title: 'The twin run: one network, trained with and without dropout',
    section: 'why',
    load: () => import('../examples/twin/TwinRun.svelte'),
    ready: '[data-testid="twin-charts"]',
    flags: {
      // The settings' own query keys (lab/twin/url.ts), plus the buttons and the code panel.
      controls: [
        ...Object.values(TWIN_URL_KEYS).filter((k) => k !== 'val' && k !== 'act' && k !== 'mom'),
        'reset',
        'link',
        'code'
      ],
      hideOnly: { code: 'the code panel only shows the settings as PyTorch or Keras, so there is nothing to lock' },
      ownsQuery: true
    }
  },
  explorer: {
    title: 'Drop neurons by hand: two twin networks, one trained with dropout',
    section: 'mechanism',
    load: () => import('../examples/explorer/Explorer.svelte'),
    ready: '[data-testid="output-plain"]',
    flags: {
      controls: ['data', 'rescale', 'sampler', 'link'],
      // data=drawn: the learner's drawn points, carried by the same link as pts= (the example reads them).
      settings: { data: { kind: 'choice', values: [...EXPLORER_PRESETS.map((p) => p.dataset), 'drawn'] } }
    }
  },
  ensemble: {
    title: 'Inside the ensemble: sampled thinned networks and their average',
    section: 'ensemble',
    load: () => import('../examples/ensemble/EnsembleLab.svelte'),
    ready: '[data-testid="curve-text"]',
    flags: {
      controls: ['data', 'width', 'resample', 'link'],
      settings: {
        // drawn: the learner's points, carried as pts=; file: a file, which no link carries (the example says so
        // and starts from its preset).
        data: { kind: 'choice', values: [...twoD, 'mnist', 'drawn', 'file'] },
        width: { kind: 'choice', values: [4, 8, 16, 32, 64] }
      }
    }
  },
  walkthrough: {
    title: 'Walkthrough: what dropout does, step by step',
    section: 'ensemble',
    load: () => import('../examples/walkthrough/Walkthrough.svelte'),
    ready: '[data-testid="caption"]',
    flags: { controls: ['speed', 'timeline', 'chapters'] }
  },
  rates: {
    title: 'Which drop probability suits which width? A sweep on real digits',
    section: 'rates',
    load: () => import('../examples/rates/RateSweep.svelte'),
    ready: '[data-testid="rates-run"]',
    flags: {
      controls: ['size', 'extra', 'prediction', 'download', 'link'],
      // extra=1 adds the 1,024-unit width to the sweep.
      settings: { size: { kind: 'choice', values: TRAIN_SIZES }, extra: { kind: 'choice', values: [0, 1] } }
    }
  },
  spatial: {
    title: 'Element-wise vs spatial dropout on a small convolutional network',
    section: 'rates',
    subheading: 'Convolutional layers: drop whole feature maps',
    load: () => import('../examples/spatial/SpatialDropout.svelte'),
    ready: '[data-testid="masked-maps"]',
    flags: {
      controls: ['p', 'prediction', 'download', 'link'],
      settings: { p: { kind: 'choice', values: P_CHOICES } }
    }
  },
  augmentation: {
    title: 'Dropout and data augmentation: four networks, one run',
    section: 'augmentation',
    load: () => import('../examples/augment/AugmentLab.svelte'),
    ready: '[data-testid="augment-example"]',
    flags: { controls: ['prediction', 'download'] }
  },
  refresher: {
    title: 'Flip the mask coin: expected value and variance of a dropped neuron',
    section: 'refresher',
    load: () => import('../widgets/CoinFlipper.svelte'),
    ready: '[data-testid="flip-count"]',
    flags: {
      controls: ['h', 'p', 'flips', 'reset', 'link'],
      settings: { h: { kind: 'number', min: H_MIN, max: H_MAX }, p: { kind: 'number', min: P_MIN, max: P_MAX } }
    }
  }
} as const satisfies Record<string, EmbedEntry>;

/** An embed page's name: the last part of its path. */
export type EmbedName = keyof typeof ENTRIES;

/** The entries by name. */
export const EMBEDS: Readonly<Record<EmbedName, EmbedEntry>> = ENTRIES;

/** The names, in the order above. */
export const EMBED_NAMES = Object.keys(EMBEDS) as EmbedName[];

/** Whether `name` is an embed page's name. */
export function isEmbedName(name: string): name is EmbedName {
  return Object.hasOwn(EMBEDS, name);
}
