// defineCommand: a command written once with typed options. The options' builders (text,
// integer, flag, subcommand) declare what Discord registers and Slack hints, and from them the
// handler's input type is inferred; runCommand validates input against them once, so a handler
// gets clean values or never runs (the same friendly replies everywhere for empty, too long
// and garbage input).
import type { WikiExamples } from './examples.js';
import { stripInvisible } from '../src/library/normalize.js';
import type { Reply } from '../src/reply.js';
import { wellFormed } from '../src/text/graphemes.js';
import type { Autocomplete, Command, CommandInput, CommandOption, Requirement, RunContext, Validated } from './types.js';

interface OptionBase {
  description: string;
}

export interface TextOption<R extends boolean = boolean> extends OptionBase {
  kind: 'text';
  required: R;
  /** Longest value, in characters, after cleaning. */
  max: number;
  autocomplete?: Autocomplete;
  /** What the value is, in the friendly replies ("Which term?"); default: the option's name. */
  label?: string;
  /** Shown in the friendly replies; default: the command's first example. */
  example?: string;
  /** The only values it takes (lower case); any case is accepted, and given as listed. */
  choices?: readonly string[];
}

export interface IntegerOption extends OptionBase {
  kind: 'integer';
  min: number;
  max: number;
  /** Set by buttons, never typed. */
  hidden?: boolean;
}

export interface FlagOption extends OptionBase {
  kind: 'flag';
  /** Set by buttons, never typed. */
  hidden?: boolean;
}

export interface SubcommandOption<O extends Options = Options> extends OptionBase {
  kind: 'subcommand';
  options: O;
}

export type OptionSpec = TextOption | IntegerOption | FlagOption | SubcommandOption;
export type Options = { [name: string]: OptionSpec };

/** Free text, cleaned of invisible characters and runs of whitespace. */
export function text<R extends boolean = false>(o: {
  description: string;
  required?: R;
  max?: number;
  autocomplete?: Autocomplete;
  label?: string;
  example?: string;
  choices?: readonly string[];
}): TextOption<NoInfer<R>> {
  return {
    kind: 'text',
    required: (o.required ?? false) as R,
    max: o.max ?? DEFAULT_MAX_TEXT,
    ...pick(o, ['description', 'autocomplete', 'label', 'example', 'choices']),
  };
}

/** A whole number within [min, max]; anything else is as if not given. */
export function integer(o: { description: string; min?: number; max?: number; hidden?: boolean }): IntegerOption {
  return { kind: 'integer', min: o.min ?? 0, max: o.max ?? Number.MAX_SAFE_INTEGER, ...pick(o, ['description', 'hidden']) };
}

/** On or off ("true"/"false" from text). */
export function flag(description: string, o: { hidden?: boolean } = {}): FlagOption {
  return { kind: 'flag', description, ...(o.hidden ? { hidden: true } : {}) };
}

/** A subcommand with its own options; the chosen one arrives as `subcommand`. */
export function subcommand<O extends Options>(description: string, options: O): SubcommandOption<O> {
  return { kind: 'subcommand', description, options };
}

/** The `private` option: "Only you see the answer". */
export const privately = (): FlagOption => flag('Only you see the answer');

const DEFAULT_MAX_TEXT = 200;

type ValueOf<S> = S extends TextOption ? string : S extends IntegerOption ? number : S extends FlagOption ? boolean : never;
type RequiredValues<O extends Options> = { [K in keyof O as O[K] extends TextOption<true> ? K : never]: string };
type OptionalValues<O extends Options> = {
  [K in keyof O as O[K] extends TextOption<true> ? never : O[K] extends SubcommandOption ? never : K]?: ValueOf<O[K]>;
};
type SubcommandName<O extends Options> = { [K in keyof O]: O[K] extends SubcommandOption ? K : never }[keyof O];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type SubcommandInputs<O extends Options> = UnionToIntersection<
  { [K in keyof O]: O[K] extends SubcommandOption<infer S> ? OptionalValues<S> : never }[keyof O]
>;

/** The input a handler gets for these options: required text is there, the rest may be. */
export type InputOf<O extends Options> = RequiredValues<O> &
  OptionalValues<O> &
  ([SubcommandName<O>] extends [never] ? unknown : { subcommand?: Extract<SubcommandName<O>, string> } & SubcommandInputs<O>);

export interface CommandSpec<O extends Options> {
  name: string;
  description: string;
  /** Usage hint after the command name, e.g. "<term>". */
  usage: string;
  examples: string[];
  /** Examples from the loaded wiki's names (see Command.examplesFor); a missing name drops its example. */
  examplesFor?(wiki: WikiExamples): (string | undefined)[];
  options: O;
  requires?: Requirement;
  /** Answers only the asker unless asked otherwise. */
  private?: boolean;
  parseText(text: string): CommandInput;
  run(input: InputOf<O>, ctx: RunContext): Reply | Promise<Reply>;
  /** What the insights count a run as, when not this command (see Command.countedAs). */
  countedAs?(input: InputOf<O>): string | undefined;
}

export function defineCommand<O extends Options>(spec: CommandSpec<O>): Command {
  const example = spec.examples[0] ?? `/${spec.name}`;
  return {
    name: spec.name,
    description: spec.description,
    usage: spec.usage,
    examples: spec.examples,
    ...(spec.examplesFor
      ? { examplesFor: (wiki: WikiExamples) => (spec.examplesFor?.(wiki) ?? []).filter((e): e is string => Boolean(e)) }
      : {}),
    options: optionList(spec.options),
    ...(spec.requires ? { requires: spec.requires } : {}),
    ...(spec.private ? { private: true } : {}),
    parseText: spec.parseText,
    validate: (input, onWiki) => validate(spec.options, input, onWiki ?? example),
    run: (input, ctx) => spec.run(input as InputOf<O>, ctx),
    ...(spec.countedAs ? { countedAs: (input: CommandInput) => spec.countedAs?.(input as InputOf<O>) } : {}),
  };
}

/** The declared options as adapters read them (Discord registrations, Slack usage hints). */
function optionList(options: Options): CommandOption[] {
  // biome-ignore lint/suspicious/useIterableCallbackReturn: the switch covers every kind of option; TypeScript checks that it is exhaustive.
  return Object.entries(options).map(([name, o]): CommandOption => {
    switch (o.kind) {
      case 'text':
        return {
          name,
          description: o.description,
          type: 'string',
          ...(o.required ? { required: true } : {}),
          ...(o.autocomplete ? { autocomplete: o.autocomplete } : {}),
          ...(o.choices ? { choices: o.choices.map((c) => ({ name: c, value: c })) } : {}),
          maxLength: o.max,
        };
      case 'integer':
        return { name, description: o.description, type: 'integer', ...(o.hidden ? { hidden: true } : {}) };
      case 'flag':
        return { name, description: o.description, type: 'boolean', ...(o.hidden ? { hidden: true } : {}) };
      case 'subcommand':
        return { name, description: o.description, type: 'subcommand', options: optionList(o.options) };
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Validation

/** Checks `input` against `options`: returns only declared values, cleaned and typed. */
export function validate(options: Options, input: CommandInput, example: string): Validated {
  const out: CommandInput = {};
  const own = (name: string) => (Object.hasOwn(input, name) ? input[name] : undefined);
  const check = (scope: Options): Reply | undefined => {
    for (const [name, o] of Object.entries(scope)) {
      if (o.kind === 'subcommand') {
        const problem = check(o.options);
        if (problem) return problem;
        continue;
      }
      const raw = own(name);
      if (o.kind === 'text') {
        const value = cleanText(raw);
        const label = o.label ?? name;
        const hint = o.example ?? example;
        if (o.required && (!value || !/[\p{L}\p{N}]/u.test(value))) return whichOne(label, hint);
        if (value.length > o.max) return tooLong(label, value.length, o.max, hint);
        const choice = value && o.choices ? o.choices.find((c) => c === value.toLowerCase()) : value;
        if (choice === undefined) return notOneOf(label, o.choices!, hint);
        if (choice) out[name] = choice;
      } else if (o.kind === 'integer') {
        const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
        if (Number.isSafeInteger(n) && n >= o.min && n <= o.max) out[name] = n;
      } else {
        const on = raw === true || raw === 'true' ? true : raw === false || raw === 'false' ? false : undefined;
        if (on !== undefined) out[name] = on;
      }
    }
    return undefined;
  };
  const hasSubcommands = Object.values(options).some((o) => o.kind === 'subcommand');
  if (hasSubcommands) {
    const chosen = cleanText(own('subcommand'));
    if (chosen) out.subcommand = chosen;
  }
  const problem = check(options);
  return problem ? { ok: false, reply: problem } : { ok: true, input: out };
}

/** A typed value as text: invisible characters and lone surrogates gone, whitespace collapsed. */
export function cleanText(raw: unknown): string {
  const s = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : '';
  return wellFormed(stripInvisible(s)).replace(/\s+/g, ' ').trim();
}

function whichOne(label: string, example: string): Reply {
  return { kind: 'notice', private: true, title: `Which ${label}?`, text: `Tell me which ${label} you mean, for example: ${example}` };
}

function notOneOf(label: string, choices: readonly string[], example: string): Reply {
  const listed = choices.map((c) => `"${c}"`).join(' or ');
  return { kind: 'notice', private: true, title: `Which ${label}?`, text: `The ${label} is ${listed}, for example: ${example}` };
}

function tooLong(label: string, length: number, max: number, example: string): Reply {
  return {
    kind: 'notice',
    private: true,
    title: 'That is too long',
    text: `That ${label} is ${length.toLocaleString('en-US')} characters long; please use at most ${max}, for example: ${example}`,
  };
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
