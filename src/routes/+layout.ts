// Every page is prerendered to static HTML at build time (adapter-static).
export const prerender = true;
