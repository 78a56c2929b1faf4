// The terminal form of the buttons under an answer: numbered choices ("[1] Another quote"),
// picked by typing the number, and /more for another quote. A choice runs the same action a
// Discord or Slack button would (runAction); sharing has no meaning here and is left out.
import type { ReplyAction } from '../../src/reply.js';

export interface Choice {
  label: string;
  action: Exclude<ReplyAction, { type: 'share' }>;
}

export function choicesOf(actions: readonly ReplyAction[] | undefined): Choice[] {
  const out: Choice[] = [];
  for (const action of actions ?? []) {
    if (action.type === 'another-quote') out.push({ label: 'Another quote (/more)', action });
    else if (action.type === 'related') out.push({ label: `Related to ${action.term}`, action });
    else if (action.type === 'define') out.push({ label: `Define ${action.term}`, action });
  }
  return out;
}

/** The lines listing the choices, or none. */
export function renderChoices(choices: readonly Choice[]): string {
  if (!choices.length) return '';
  return choices.map((c, i) => `  [${i + 1}] ${c.label}`).join('\n') + '\n  (type a number to choose)';
}

/** What a line picks among the last answer's choices: a number, or /more for another quote. */
export function pick(line: string, choices: readonly Choice[]): Choice | 'none' | undefined {
  const text = line.trim().toLowerCase();
  if (text === '/more') return choices.find((c) => c.action.type === 'another-quote') ?? 'none';
  if (!/^\d{1,3}$/.test(text)) return undefined;
  return choices[Number(text) - 1] ?? 'none';
}
