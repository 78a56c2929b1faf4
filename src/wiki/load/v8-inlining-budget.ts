// A smaller inlining budget for V8's optimizing compiler while pages are parsed.
//
// Why: remark keeps V8's optimizing compiler busy. Each page gets fresh tokenizer closures,
// handler objects and token shapes. The compiler inlines deeply through them, the next page
// invalidates that code, and the compiler builds it again. This runs on a background thread,
// so a "one-thread" remark+gfm parse keeps more than one core busy, and on two cores two
// parsing threads fight the compiler threads for the same cores. Capping the bytecode
// inlined into one function at 100 (V8's default is 920) cuts the parse's CPU time and leaves
// answering untouched (figures: bench/README.md, "Loading").
//
// V8 flags belong to the whole process (a worker thread cannot have its own), and Node
// cannot set them per thread. So the flag is set from here while pages are parsed and put
// back to V8's default afterwards. V8 reads it each time it optimizes a function, so setting
// it at run time takes effect at once. It goes back so that building the indexes and answering
// run on V8's defaults, as measured before. A budget given on the node command line wins.
// Only compiler heuristics like this one are safe to change at run time: setting
// --single-threaded-gc that way crashed Node in a V8 check.
import v8 from 'node:v8';

const FLAG = '--max-inlined-bytecode-size-cumulative';
const PARSE_BUDGET = 100;
/** V8's own value (unchanged from V8 6 to 13); there is no API to read a flag back. */
const V8_DEFAULT = 920;

/** Parses under way in this process; the budget goes back when the last one ends. */
let parsing = 0;

/** The V8 flag to set, or undefined when the process was started with its own budget (Node
 *  accepts V8 flags spelt with '_' as well as '-'). */
export function inliningFlag(execArgv: readonly string[]): string | undefined {
  if (execArgv.some((a) => a.replaceAll('_', '-').startsWith(FLAG))) return undefined;
  return `${FLAG}=${PARSE_BUDGET}`;
}

/** Sets the parse-friendly inlining budget; the function returned puts V8's default back
 *  once no other parse is running. */
export function limitInliningForParsing(): () => void {
  const flag = inliningFlag(process.execArgv);
  if (!flag) return () => {};
  if (parsing++ === 0) v8.setFlagsFromString(flag);
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    if (--parsing === 0) v8.setFlagsFromString(`${FLAG}=${V8_DEFAULT}`);
  };
}
