// Where a sibling module lives at run time: `.ts` when cutcheck runs from its sources (tsx, vitest), `.js` when it
// runs compiled from dist/. Worker threads are handed such URLs, since they load modules by address.

/** The URL of module `name` (no extension) beside the module whose `import.meta.url` is `here`. */
export const siblingModule = (here: string, name: string): string =>
  new URL(`./${name}${here.endsWith('.ts') ? '.ts' : '.js'}`, here).href;
