// The buttons under a reply, as every platform offers them: the reply's actions in order, each
// encoded by the core's codec within the platform's limit, without duplicates. An action that
// does not fit is left out, never truncated (its state would be wrong).
import { actionLabel, encodeAction, type Action } from '../../src/actions.js';
import type { Reply } from '../../src/reply.js';

export interface Button {
  action: Action;
  /** The encoded action: a Discord custom_id, a Slack button value. */
  value: string;
  /** The neutral label (actionLabel); a renderer may word it its own way. */
  label: string;
}

export function replyButtons(reply: Reply, maxValueLength: number): Button[] {
  const seen = new Set<string>();
  const out: Button[] = [];
  for (const action of reply.actions ?? []) {
    const value = encodeAction(action, maxValueLength);
    if (!value || seen.has(value)) continue;
    seen.add(value);
    out.push({ action, value, label: actionLabel(action) });
  }
  return out;
}
