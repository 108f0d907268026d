/** One line of a chart. */
export interface Series {
  /** Stable key, also used to name bands. */
  id: string;
  /** Legend and tooltip label, e.g. "Validation loss, with dropout". */
  label: string;
  /** A CSS colour, usually a custom property such as `var(--series-dropout)`. */
  color: string;
  /** SVG dash pattern ("6 4") so series differ by more than colour; omit for solid. */
  dash?: string;
  /** The points, x ascending. Non-finite y values are skipped (gaps), never drawn. */
  points: readonly { x: number; y: number }[];
  /** Only an edge of a band (e.g. the lowest seed): no line, no legend entry, not read out. */
  hidden?: boolean;
}

/** A shaded area between two series (e.g. the generalisation gap between train and validation). */
export interface Band {
  /** Series ids: the area between them is shaded where both have points at the same x. */
  from: string;
  to: string;
  /** Fill colour (drawn with low opacity). */
  color: string;
  /** Accessible description, e.g. "Generalisation gap, with dropout". */
  label: string;
}

/** A labelled point of interest, such as the best validation epoch. */
export interface Marker {
  x: number;
  y: number;
  label: string;
  color: string;
}
