import { builder } from '../builder.ts';
import './scalars.ts';
import './enums.ts';
import './unit.ts';
import './source.ts';
import './observation.ts';
import './indicator.ts';
import './region.ts';

builder.queryType({});

export const schema = builder.toSchema({ sortSchema: true });
