// The terminal form of the buttons under an answer: numbered choices ("[1] Another quote"),
// picked by typing the number, and /more for another quote. A choice runs the same action a
// Discord or Slack button would (runAction), worded by the core's actionLabel. "Post in
// channel" has no channel here and is left out; a "did you mean" menu becomes one choice per
// suggestion.
import { actionLabel, chooseSuggestion, type Action } from '../../src/actions.js';
import type { Reply } from '../../src/reply.js';

export interface Choice {
  label: string;
  action: Action;
}

export function choicesOf(reply: Pick<Reply, 'actions' | 'suggestions'>): Choice[] {
  const out: Choice[] = [];
  for (const action of reply.actions ?? []) {
    if (action.type === 'post') continue;
    if (action.type === 'suggest-menu') {
      for (const term of reply.suggestions ?? []) {
        const chosen = chooseSuggestion(action, term);
        if (chosen) out.push(choice(chosen));
      }
      continue;
    }
    out.push(choice(action));
  }
  return out;
}

function choice(action: Action): Choice {
  const label = actionLabel(action);
  if (action.type === 'another-quote') return { label: `${label} (/more)`, action };
  if (action.type === 'related') return { label: `${label}: ${action.term}`, action };
  if (action.type === 'suggest') return { label: `/${action.command} ${label}`, action };
  return { label, action };
}

/** The lines listing the choices, or none. */
export function renderChoices(choices: readonly Choice[]): string {
  if (!choices.length) return '';
  return `${choices.map((c, i) => `  [${i + 1}] ${c.label}`).join('\n')}\n  (type a number to choose)`;
}

/** What a line picks among the last answer's choices: a number, or /more for another quote. */
export function pick(line: string, choices: readonly Choice[]): Choice | 'none' | undefined {
  const text = line.trim().toLowerCase();
  if (text === '/more') return choices.find((c) => c.action.type === 'another-quote') ?? 'none';
  if (!/^\d{1,3}$/.test(text)) return undefined;
  return choices[Number(text) - 1] ?? 'none';
}
