// The command line of a measuring tool (npm run clean-replies, npm run eval): its options as
// parseArgs reads them, its usage on --help, and a wrong option or count told plainly with the
// usage (exit 2) instead of a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/** The options given, or undefined after printing the usage for --help (the caller returns).
 *  `counts` name options that must be whole numbers. */
export function toolArgs<O extends Options>(options: O, usage: string, counts: readonly (keyof O & string)[] = []) {
  const config = { options: { ...options, ...HELP } };
  let values: ReturnType<typeof parseArgs<typeof config>>['values'];
  try {
    ({ values } = parseArgs(config));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  const given = values as Record<string, unknown>;
  if (given.help) {
    console.log(usage);
    return undefined;
  }
  for (const name of counts) {
    const v = given[name];
    if (v !== undefined && !/^\d+$/.test(String(v))) {
      console.error(`--${name} must be a whole number, not "${String(v)}"\n\n${usage}`);
      process.exit(2);
    }
  }
  return values;
}
