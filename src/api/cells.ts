/**
 * Sparse cells: how connection counts are kept from the parser to the webview. Only non-zero
 * values are stored, each with its slot (the index of its bucket time); a series or version owns
 * one range of cells, in ascending slot order. Memory follows what the body held, never
 * series × buckets; rows are made dense only for what is drawn.
 */
export interface Cells {
  /** The bucket (index into the times) of each cell. */
  readonly slots: Int32Array;
  /** The connections in each cell, always > 0. */
  readonly values: Float64Array;
}

/** Adds cells [start, end) into a dense row indexed by slot. */
export function addCells(row: Float64Array, cells: Cells, start: number, end: number): void {
  const { slots, values } = cells;
  for (let c = start; c < end; c++) row[slots[c]!]! += values[c]!;
}

/** Cells exactly as long as they are, for handing over: a view onto a longer buffer would send all of it. */
export function compactCells(cells: Cells): Cells {
  const { slots, values } = cells;
  const exact = (array: Int32Array | Float64Array) => array.byteOffset === 0 && array.byteLength === array.buffer.byteLength;
  return exact(slots) && exact(values) ? cells : { slots: slots.slice(), values: values.slice() };
}
