// Making a file or folder that even root cannot write to, as a full disk's neighbour, a
// read-only mount or an admin's `chattr +i` would: chmod for other users, the immutable
// attribute for root (chmod does not stop root). Undefined when neither is possible here.
import { execFile } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Makes `target` unwritable; returns the function that undoes it, or undefined if this machine cannot. */
export async function makeReadOnly(target: string): Promise<(() => Promise<void>) | undefined> {
  if (process.getuid?.() !== 0) {
    await chmod(target, 0o555);
    return () => chmod(target, 0o755);
  }
  try {
    await run('chattr', ['+i', target]);
    return async () => {
      await run('chattr', ['-i', target]);
    };
  } catch {
    return undefined;
  }
}
