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
  /** Starting height in CSS pixels; the frame then reports its real height (see the README). */
  height: number;
}

/** Text safe inside a double-quoted HTML attribute. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The snippet: full width, the given height, lazily loaded, without a border. */
export function embedSnippet({ src, title, height }: EmbedSnippetInput): string {
  const h = Number.isFinite(height) && height > 0 ? Math.round(height) : 800;
  return (
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="100%" height="${h}" ` +
    `loading="lazy" style="border: 0"></iframe>`
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
