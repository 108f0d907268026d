/**
 * The `<iframe>` an instructor pastes into a course page to show one example. Attribute values are
 * escaped, so whatever a title or address holds stays inside its attribute.
 */

/** What the snippet is made of. */
export interface EmbedSnippetInput {
  /** Absolute URL of the embed page, query included (e.g. https://example.org/embed/twin?preset=overfit). */
  src: string;
  /** The frame's accessible name. */
  title: string;
  /**
   * The page's measured height in CSS pixels at a narrow and at a wide frame (NARROW_FRAME, WIDE_FRAME):
   * the frame starts between the two by the host's screen width, then reports its real height (README).
   */
  height: FrameHeights;
}

/** An embed page's height at a phone's frame and at a wide one. */
export interface FrameHeights {
  /** At a frame NARROW_FRAME px wide. */
  narrow: number;
  /** At a frame WIDE_FRAME px wide (the page's content stops growing wider well before). */
  wide: number;
}

/** The frame widths the heights are measured at: a 360 px phone less 20 px of the host's margins a side. */
export const NARROW_FRAME = 320;
export const WIDE_FRAME = 1280;
/** The screen widths the two heights are given for in the snippet's style (the host's margins are guessed). */
const NARROW_SCREEN = NARROW_FRAME + 40;
const WIDE_SCREEN = WIDE_FRAME;

/**
 * The frame's CSS height for a host that does not listen to the height message: the narrow height on a
 * phone, the wide one on a wide screen, and a straight line in the screen width (vw) between them. Text
 * reflows roughly as 1/width, which lies below that line, so the frame errs on the tall side between.
 */
export function frameHeightCss({ narrow, wide }: FrameHeights): string {
  if (!(narrow > wide)) return `${wide}px`;
  const slope = (narrow - wide) / (WIDE_SCREEN - NARROW_SCREEN);
  const at0 = Math.ceil(narrow + NARROW_SCREEN * slope);
  return `clamp(${wide}px, calc(${at0}px - ${(slope * 100).toFixed(2)}vw), ${narrow}px)`;
}

const cleanHeight = (h: number, fallback: number) => (Number.isFinite(h) && h > 0 ? Math.round(h) : fallback);

/** Text safe inside a double-quoted HTML attribute. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The snippet: full width, lazily loaded, without a border; the `height` attribute holds the wide height
 * and the style the height for the screen's width (frameHeightCss), which a host's own CSS may override.
 */
export function embedSnippet({ src, title, height }: EmbedSnippetInput): string {
  const wide = cleanHeight(height.wide, 800);
  const narrow = cleanHeight(height.narrow, wide);
  return (
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="100%" height="${wide}" ` +
    `loading="lazy" style="border: 0; height: ${frameHeightCss({ narrow, wide })}"></iframe>`
  );
}

/** The message an embed page posts to its parent whenever its content height changes. */
export interface EmbedHeightMessage {
  /** Always 'dropout-lab:height'. */
  type: 'dropout-lab:height';
  /** The example's embed name, e.g. 'twin'. */
  example: string;
  /** Height of the frame's content in CSS pixels (a whole number). */
  height: number;
}

/** The message type, for hosts that listen. */
export const EMBED_HEIGHT_MESSAGE = 'dropout-lab:height';
