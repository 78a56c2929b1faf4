// The last resort, for what escaped every handler. Deliberately:
// - an unhandled promise rejection is an async step that failed with nobody waiting for it; what
//   it was doing is over and nothing was left half-done by a throw, so it is logged with an id
//   and counted, and the bot keeps serving;
// - an uncaught exception was thrown out of an event handler in the middle of its work, so this
//   process's state is unknown: it is logged (fatal, with an id), counted, and the process exits
//   with code 1 for its supervisor to start a clean one (the ShardingManager respawns a shard;
//   run a single process under systemd, Docker's restart policy or similar). Daily posts are
//   safe across the restart: a claimed post is retried when its lease lapses.
// Only the bot's long-running modes install this; the terminal keeps Node's defaults.
import { newErrorId, type Logger } from '../src/log.js';

export interface LastResortCounts {
  unhandledRejections: number;
  uncaughtExceptions: number;
}

const counts: LastResortCounts = { unhandledRejections: 0, uncaughtExceptions: 0 };
let installed = false;

/** How often the last resort was needed since start (for metrics). */
export function lastResortCounts(): LastResortCounts {
  return { ...counts };
}

/** Installs the policy above once per process. `exit` is for tests. */
export function installLastResort(log: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    counts.unhandledRejections++;
    log.error(
      { err: reason, errorId: newErrorId(), count: counts.unhandledRejections },
      'unhandled promise rejection; the bot keeps serving',
    );
  });
  process.on('uncaughtException', (err, origin) => {
    counts.uncaughtExceptions++;
    // The logger writes synchronously, so this line is out before the process ends.
    log.fatal(
      { err, origin, errorId: newErrorId() },
      'uncaught exception: the process state is unknown, exiting (code 1) to be restarted clean',
    );
    exit(1);
  });
}
