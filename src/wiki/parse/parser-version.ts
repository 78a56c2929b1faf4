// Kept apart from parse-page.ts so the loader can check the cache without loading the parser
// (importing remark and micromark takes time a warm start never needs to spend).

/** Bump when parse output changes for the same input: it invalidates every cache entry. */
export const PARSER_VERSION = 3;
