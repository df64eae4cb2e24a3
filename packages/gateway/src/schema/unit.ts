import { builder } from '../builder.ts';
import { inLang, Lang } from './scalars.ts';

builder.prismaObject('Unit', {
  description: 'A unit of measure with its words in Vietnamese and English.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code, e.g. `dossier`, `VND`, `percent`.' }),
    name: t.string({
      description: 'The unit word: "hồ sơ" / "dossiers", "đồng" / "VND".',
      args: { lang: t.arg({ type: Lang, defaultValue: 'VI' }) },
      resolve: (unit, { lang }) => inLang(lang, unit.nameVi, unit.nameEn),
    }),
    symbol: t.exposeString('symbol', { nullable: true, description: 'Symbol written after a number, e.g. "%".' }),
  }),
});
