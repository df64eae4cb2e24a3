import type { ChangeAnswer } from '../analytics/change-loader.ts';
import { builder } from '../builder.ts';
import { ChangeReferenceEnum } from './enums.ts';
import { PeriodRef } from './period.ts';
import { Region } from './region.ts';

const ChangeBasisEnum = builder.enumType('ChangeBasis', {
  description: 'Where a change comes from.',
  values: {
    COMPUTED: { description: 'Both values are stored; the change is computed from them.' },
    REPORTED: { description: 'Only the change the source itself reported ("so với cùng kỳ") exists.' },
  },
});

const ValueBasisEnum = builder.enumType('ValueBasis', {
  description: 'How a value came to be.',
  values: {
    REPORTED: { description: 'Stored as a source gave it.' },
    DERIVED: { description: 'Computed back from a reported change: not a figure any source gave.' },
    COMPOSED: { description: 'Added up from the predecessors of a unit that did not exist yet (sums, or ratios of sums).' },
  },
});

export const ChangeRef = builder.objectRef<ChangeAnswer>('Change').implement({
  description: 'A value against an earlier period. Rates and shares change in percentage points (25 % to 27,6 % is +2,6 points), so their `percent` is null.',
  fields: (t) => ({
    against: t.expose('against', { type: ChangeReferenceEnum }),
    period: t.field({ type: PeriodRef, description: 'The comparison period.', resolve: (c) => c.period }),
    basis: t.expose('basis', { type: ChangeBasisEnum }),
    previousValue: t.exposeFloat('previousValue', { nullable: true, description: 'The value of the comparison period; see previousValueBasis.' }),
    previousValueBasis: t.expose('previousValueBasis', { type: ValueBasisEnum, nullable: true }),
    absolute: t.exposeFloat('absolute', { nullable: true, description: "Difference in the indicator's unit (points for rates)." }),
    percent: t.exposeFloat('percent', { nullable: true, description: 'Relative change in percent; null for rates and when the previous value is 0.' }),
    percentagePoints: t.exposeFloat('percentagePoints', { nullable: true, description: 'For rates and shares: the difference in percentage points.' }),
    previousUnits: t.field({
      type: [Region],
      description: 'Units whose values make up the previous value: the unit itself, or its predecessors.',
      resolve: (c, _args, ctx) => ctx.loaders.regions(c.basis === 'COMPUTED' ? c.previousUnitIds : []),
    }),
  }),
});
