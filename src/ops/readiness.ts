// Readiness: named checks (the wiki is loaded, the store answers, the platforms are connected)
// that /readyz runs together. Each check is bounded by a timeout, so a hung database makes the
// answer "not ready", never a hung probe.

export interface CheckResult {
  ok: boolean;
  /** One line for an operator: "969 pages", "sqlite, schema 3", "shard 1 reconnecting". */
  detail: string;
}

export type Check = () => CheckResult | Promise<CheckResult>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckResult>;
}

export const ok = (detail: string): CheckResult => ({ ok: true, detail });
export const notOk = (detail: string): CheckResult => ({ ok: false, detail });

export class Readiness {
  private readonly checks = new Map<string, Check>();
  private stopping = false;

  /** Adds (or replaces) a check; returns its removal. */
  add(name: string, check: Check): () => void {
    this.checks.set(name, check);
    return () => {
      if (this.checks.get(name) === check) this.checks.delete(name);
    };
  }

  /** From now on the process is not ready: it is shutting down (load balancers stop sending). */
  shuttingDown(): void {
    this.stopping = true;
  }

  async report(timeoutMs = 2_000): Promise<ReadinessReport> {
    const entries = await Promise.all([...this.checks].map(async ([name, check]) => [name, await bounded(check, timeoutMs)] as const));
    const checks: Record<string, CheckResult> = Object.create(null);
    for (const [name, result] of entries) checks[name] = result;
    if (this.stopping) checks.process = notOk('shutting down');
    const ready = entries.length > 0 && !this.stopping && entries.every(([, r]) => r.ok);
    return { ready, checks };
  }
}

async function bounded(check: Check, ms: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve(notOk(`no answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } catch (err) {
    return notOk(err instanceof Error ? err.message : String(err));
  } finally {
    clearTimeout(timer);
  }
}
