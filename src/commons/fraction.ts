/**
 * Exact fractions for quorum and threshold: the policy writes them as strings
 * ("1/3"), and they are compared with integer arithmetic so that 2 of 6 meets
 * a quorum of "1/3" exactly, with no floating-point rounding either way.
 */
export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

export const FRACTION_PATTERN = /^(0|[1-9][0-9]{0,8})\/([1-9][0-9]{0,8})$/;

/** Parse "p/q" with 0 ≤ p ≤ q; returns undefined for anything else. */
export function parseFraction(text: string): Fraction | undefined {
  const match = FRACTION_PATTERN.exec(text);
  if (!match) return undefined;
  const numerator = BigInt(match[1]!);
  const denominator = BigInt(match[2]!);
  if (numerator > denominator) return undefined;
  return { numerator, denominator };
}

/** Sign of part/whole − fraction: −1, 0 or 1. `whole` must be positive. */
export function compareRatio(part: number, whole: number, fraction: Fraction): -1 | 0 | 1 {
  const left = BigInt(part) * fraction.denominator;
  const right = fraction.numerator * BigInt(whole);
  return left < right ? -1 : left > right ? 1 : 0;
}
