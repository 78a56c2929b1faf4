// Small helpers for the Library's tables.

/** Appends `value` to the list under `key`, starting the list when there is none. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Appends `value` to the list under `key` unless the list has it. */
export function pushOnce<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** Orders strings by UTF-16 code units (the order of `<`), not by locale. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Up to `limit` names in the order added, each key once. */
export class DistinctNames {
  readonly list: string[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly limit: number,
    private readonly keyOf: (display: string) => string,
  ) {}

  get full(): boolean {
    return this.list.length >= this.limit;
  }

  add(display: string): void {
    if (this.full) return;
    const key = this.keyOf(display);
    if (!this.seen.has(key)) {
      this.seen.add(key);
      this.list.push(display);
    }
  }
}
