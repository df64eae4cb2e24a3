import { builder } from '../builder.ts';
import './scalars.ts';
import './enums.ts';
import './unit.ts';
import './source.ts';
import './observation.ts';
import './indicator.ts';
import './region.ts';
import './period.ts';
import './change.ts';
import './ranking.ts';
import './series.ts';
import './aggregate.ts';
import './time-series.ts';
import './saved-chart.ts';
import './api-key.ts';
import './audit.ts';
import './import.ts';

builder.queryType({});
builder.mutationType({});

export const schema = builder.toSchema({ sortSchema: true });
