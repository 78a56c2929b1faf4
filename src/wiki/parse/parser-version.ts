// Kept apart from parse-page.ts so the loader can check the cache without loading the parser
// (remark and micromark take ~50 ms to import, which a warm start never needs).

/** Bump when parse output changes for the same input: it invalidates every cache entry. */
export const PARSER_VERSION = 3;
