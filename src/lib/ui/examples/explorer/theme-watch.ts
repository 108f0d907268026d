/**
 * Tells when the page's colours may have changed, so canvas drawings that use CSS custom properties
 * read them again then — once per theme change, never per click. A theme changes when the reader
 * flips the toggle (`data-theme` on <html>), when the system switches between light and dark, and
 * when the page is printed (print styles have their own palette).
 */
export function watchTheme(onChange: () => void): () => void {
  const root = document.documentElement;
  const observer = new MutationObserver(onChange);
  observer.observe(root, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
  const queries = ['(prefers-color-scheme: dark)', 'print', '(forced-colors: active)'].map((q) => window.matchMedia(q));
  for (const q of queries) q.addEventListener('change', onChange);
  return () => {
    observer.disconnect();
    for (const q of queries) q.removeEventListener('change', onChange);
  };
}
