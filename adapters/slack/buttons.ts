// What a button under an answer carries. State travels in the button's `value` (JSON) so a
// click works after a restart and on any instance; the `action_id` only says which kind of
// button it is (`commonplace:<type>:<n>`, unique within its block).
import { z } from 'zod';
import type { CommandInput } from '../../commands/types.js';
import type { ReplyAction } from '../../src/reply.js';
import { LIMITS } from './text.js';

export const ACTION_PREFIX = 'commonplace:';
/** Matches every action_id this adapter builds; Bolt routes them to one listener. */
export const ACTION_ID_PATTERN = /^commonplace:/;

/** Re-run a command publicly: what "Post in channel" needs to recompute a private answer. */
export interface ShareSpec {
  command: string;
  input: CommandInput;
}

export type ButtonAction = Exclude<ReplyAction, { type: 'share' }> | ({ type: 'share' } & ShareSpec);

const text = z.string().min(1).max(LIMITS.buttonValue);
const inputValue = z.union([z.string().max(LIMITS.buttonValue), z.number(), z.boolean()]);

const buttonSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('another-quote'), query: text, index: z.number().int().min(0).max(100_000) }),
  z.object({ type: z.literal('related'), term: text }),
  z.object({ type: z.literal('define'), term: text }),
  z.object({
    type: z.literal('share'),
    command: z.string().regex(/^[a-z0-9_-]{1,32}$/),
    input: z.record(z.string().max(64), inputValue),
  }),
]);

/** The button value for an action, or undefined when it would not fit Slack's limit. */
export function encodeButton(action: ButtonAction): string | undefined {
  const value = JSON.stringify(action);
  return value.length <= LIMITS.buttonValue ? value : undefined;
}

export function actionId(type: ButtonAction['type'], n: number): string {
  return `${ACTION_PREFIX}${type}:${n}`;
}

/** Parses a clicked button's value. Undefined for anything this adapter did not build. */
export function decodeButton(value: unknown): ButtonAction | undefined {
  if (typeof value !== 'string' || value.length > LIMITS.buttonValue) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  const result = buttonSchema.safeParse(parsed);
  return result.success ? (result.data as ButtonAction) : undefined;
}
