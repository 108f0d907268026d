import type { MaskKind } from '../../../lab/spatial/model';

/** Colour and dash of each variant in every chart of the example: the dash alone tells them apart too. */
export const KIND_STYLE: Record<MaskKind, { color: string; dash?: string }> = {
  none: { color: 'var(--plain)' },
  element: { color: 'var(--inverted)', dash: '7 4' },
  spatial: { color: 'var(--good)', dash: '2 3' }
};
