/**
 * A map keyed by tuples of values (strings, numbers, undefined), compared element by element
 * through nested maps: no key text is made per lookup (JSON of the parts costs more than the rest
 * of a 200,000-entry report's grouping), and no two tuples can share a key. Every key of one map has
 * the same length. Values come back in the order first set. Pure.
 */
export class TupleMap<V> {
  private readonly root = new Map<unknown, unknown>();
  private readonly inOrder: V[] = [];

  constructor(private readonly length: number) {}

  get(key: readonly unknown[]): V | undefined {
    let level: Map<unknown, unknown> | undefined = this.root;
    for (let i = 0; i < this.length - 1 && level; i++) level = level.get(key[i]) as Map<unknown, unknown> | undefined;
    return level?.get(key[this.length - 1]) as V | undefined;
  }

  /** The value under `key`, made by `make` and kept when there is none yet. */
  getOrMake(key: readonly unknown[], make: () => V): V {
    let level = this.root;
    for (let i = 0; i < this.length - 1; i++) {
      let next = level.get(key[i]) as Map<unknown, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(key[i], next);
      }
      level = next;
    }
    const last = key[this.length - 1];
    if (level.has(last)) return level.get(last) as V;
    const value = make();
    level.set(last, value);
    this.inOrder.push(value);
    return value;
  }

  /** The values, in the order their keys were first set. */
  values(): readonly V[] {
    return this.inOrder;
  }

  get size(): number {
    return this.inOrder.length;
  }
}
