import { formatCount } from '../model/format';

/** A count and its noun, "1 connection" or "2,431 connections": the number formatted for `locale`, the noun plural but for 1. */
export function countOf(n: number, noun: string, locale?: string): string {
  return `${formatCount(n, locale)} ${noun}${n === 1 ? '' : 's'}`;
}
