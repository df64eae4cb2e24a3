import { periodLabel, type Period } from '../analytics/period.ts';
import { builder } from '../builder.ts';
import { PeriodKindEnum } from './enums.ts';
import { Lang } from './scalars.ts';

export const PeriodRef = builder.objectRef<Period>('Period').implement({
  description:
    "A period in chiso's period language: a year `2021`, a quarter `2021-Q3`, a month `2021-09`, a year to date `2021-YTD-09`, a range `2020-12-15/2021-09-15` or a date `2021-10-10`.",
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Canonical text form, accepted wherever a period is asked for.' }),
    kind: t.expose('kind', { type: PeriodKindEnum }),
    start: t.expose('start', { type: 'Date', description: 'First day (inclusive).' }),
    end: t.expose('end', { type: 'Date', description: 'Last day (inclusive).' }),
    label: t.string({
      description: 'For people: "9 tháng 2021" / "9 months of 2021", "15/12/2020 – 15/9/2021".',
      args: { lang: t.arg({ type: Lang, defaultValue: 'VI' }) },
      resolve: (period, { lang }) => periodLabel(period, lang ?? 'VI'),
    }),
  }),
});
