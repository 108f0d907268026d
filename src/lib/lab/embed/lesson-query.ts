/**
 * The lesson page's address carries the settings of several live examples at once, so each example's keys
 * have a namespace: the twin run keeps its short keys as they have always been written (`/?lr=0.003#why`:
 * lab/twin/url.ts), and every other example writes its embed page's settings behind its embed name and a dot
 * (`/?ensemble.data=circle&ensemble.width=8#ensemble-lab`), so two examples that both have a data set never
 * read each other's. The embed pages keep the bare keys (`/embed/ensemble?data=circle&width=8`): one example,
 * one page. No imports: the lesson's first load reads the state keys below to know where a link points.
 */

/** Between an example's name and its key: a character a query keeps as it is, and no short twin key holds. */
export const NAMESPACE_SEPARATOR = '.';

/**
 * The settings each example other than the twin shares on the lesson page, by embed name (the keys of its
 * embed settings in ui/embed/registry.ts; a unit test keeps the two lists equal).
 */
export const LESSON_SETTINGS = {
  refresher: ['h', 'p'],
  explorer: ['data'],
  ensemble: ['data', 'width'],
  rates: ['size', 'extra'],
  spatial: ['p']
} as const satisfies Record<string, readonly string[]>;

/** An example that shares settings through the lesson's address under its own namespace. */
export type LessonExample = keyof typeof LESSON_SETTINGS;

/** A setting's key on the lesson page: "ensemble.width". */
export function lessonKey(example: string, key: string): string {
  return `${example}${NAMESPACE_SEPARATOR}${key}`;
}

/** The lesson-page keys of an example's settings (its `stateKeys`: a link carrying one opens at it). */
export function lessonStateKeys(example: LessonExample): string[] {
  return LESSON_SETTINGS[example].map((key) => lessonKey(example, key));
}

/** Whether a query key belongs to a namespaced example ("explorer.data"), not to the twin run or the page. */
export function isNamespacedKey(key: string): boolean {
  return /^[a-z][a-z0-9-]*\./.test(key);
}
