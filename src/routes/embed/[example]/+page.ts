import { error } from '@sveltejs/kit';
import { EMBED_NAMES, isEmbedName, type EmbedName } from '$lib/ui/embed/registry';
import type { EntryGenerator, PageLoad } from './$types';

// One prerendered page per entry of the embed registry: adding an entry adds its page.
export const entries: EntryGenerator = () => EMBED_NAMES.map((example) => ({ example }));

export const load: PageLoad = ({ params }): { name: EmbedName } => {
  if (!isEmbedName(params.example))
    error(404, `There is no embeddable example called "${params.example.slice(0, 40)}".`);
  return { name: params.example };
};
