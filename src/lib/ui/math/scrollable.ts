/**
 * A Svelte action for boxes that may scroll sideways (long formulas on a phone): when the content
 * is wider than the box, the box joins the tab order so keyboard users can scroll it too.
 */
export function focusableWhenScrollable(node: HTMLElement): { destroy(): void } {
  const update = () => {
    if (node.scrollWidth > node.clientWidth + 1) node.setAttribute('tabindex', '0');
    else node.removeAttribute('tabindex');
  };
  update();
  const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
  observer?.observe(node);
  return { destroy: () => observer?.disconnect() };
}
