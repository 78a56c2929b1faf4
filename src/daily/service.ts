// Placeholder until the daily-posts work lands: the interface commands/ and adapters use.
import type { Reply } from '../reply.js';
import type { CommandContext, CommandInput } from '../../commands/types.js';

export interface DailyService {
  /** Handles `/daily <subcommand>` for the channel in ctx. */
  handle(input: CommandInput, ctx: CommandContext): Promise<Reply>;
}
