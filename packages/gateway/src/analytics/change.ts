import { Prisma } from '../generated/prisma/client.ts';

export type ChangeBasis = 'COMPUTED' | 'REPORTED';
export type ValueBasis = 'REPORTED' | 'DERIVED' | 'COMPOSED';

export interface ChangeInput {
  /** The value now. */
  value: Prisma.Decimal;
  /** The stored value of the comparison period, if any (composed from predecessors when `previousComposed`). */
  previous: Prisma.Decimal | null;
  previousComposed?: boolean;
  /** What the source itself reported against that period. */
  reportedPercent: Prisma.Decimal | null;
  reportedAbsolute: Prisma.Decimal | null;
  /** Rates and shares (unit percent) change in percentage points. */
  isRate: boolean;
}

export interface ChangeResult {
  basis: ChangeBasis;
  previousValue: number | null;
  previousValueBasis: ValueBasis | null;
  absolute: number | null;
  percent: number | null;
  percentagePoints: number | null;
}

const HUNDRED = new Prisma.Decimal(100);

/**
 * The change of a value against an earlier period.
 * - COMPUTED when both values are stored: absolute and percent from the two values; for rates the
 *   difference is in percentage points (25 % → 27,6 % is +2,6 points) and no percent is given.
 * - REPORTED when only the source's own change exists: the reported figures are returned as they
 *   are, and the previous value implied by them is DERIVED (value / (1 + p/100), or value − Δ).
 * - null when neither exists.
 */
export function computeChange(input: ChangeInput): ChangeResult | null {
  const { value, previous } = input;
  if (previous) {
    const absolute = value.minus(previous);
    return {
      basis: 'COMPUTED',
      previousValue: previous.toNumber(),
      previousValueBasis: input.previousComposed ? 'COMPOSED' : 'REPORTED',
      absolute: absolute.toNumber(),
      percent: input.isRate || previous.isZero() ? null : absolute.div(previous.abs()).times(HUNDRED).toNumber(),
      percentagePoints: input.isRate ? absolute.toNumber() : null,
    };
  }
  const { reportedPercent, reportedAbsolute } = input;
  if (!reportedPercent && !reportedAbsolute) return null;
  let derived: Prisma.Decimal | null = null;
  if (reportedAbsolute) derived = value.minus(reportedAbsolute);
  else if (reportedPercent && !input.isRate && !reportedPercent.equals(-100)) {
    derived = value.div(reportedPercent.div(HUNDRED).plus(1));
  }
  return {
    basis: 'REPORTED',
    previousValue: derived?.toNumber() ?? null,
    previousValueBasis: derived ? 'DERIVED' : null,
    absolute: reportedAbsolute?.toNumber() ?? (derived ? value.minus(derived).toNumber() : null),
    percent: reportedPercent?.toNumber() ?? (derived && !derived.isZero() ? reportedAbsolute!.div(derived.abs()).times(HUNDRED).toNumber() : null),
    percentagePoints: input.isRate ? (reportedAbsolute?.toNumber() ?? null) : null,
  };
}
