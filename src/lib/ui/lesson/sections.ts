/**
 * The lesson's sections, in reading order. Ids are a public contract (tests and later live
 * examples address them), so change a title freely but never an id.
 */
export const SECTIONS = [
  { id: 'refresher', title: 'Refresher: expected value' },
  { id: 'intuition', title: 'The intuition' },
  { id: 'mechanism', title: 'The mechanism' },
  { id: 'why', title: 'Why it regularises' },
  { id: 'ensemble', title: 'An exponential ensemble' },
  { id: 'test-time', title: 'Test time: rescaling' },
  { id: 'rates', title: 'Choosing rates' },
  { id: 'augmentation', title: 'Dropout and data augmentation' },
  { id: 'quiz', title: 'Check yourself' }
] as const;

/** A section id. */
export type SectionId = (typeof SECTIONS)[number]['id'];

/** The title of a section, by id. */
export function titleOf(id: SectionId): string {
  return SECTIONS.find((s) => s.id === id)?.title ?? id;
}
