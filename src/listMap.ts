/** Adds `item` to the list `map` holds under `key`, starting the list when there is none. Import-free: any layer may use it. */
export function addToList<K, V>(map: Map<K, V[]>, key: K, item: V): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
