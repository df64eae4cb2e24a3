import { builder } from '../builder.ts';
import { SourceKindEnum } from './enums.ts';

export const SourceRef = builder.prismaNode('Source', {
  id: { field: 'id' },
  description: 'Where figures come from: a report, an article, a statistical release.',
  fields: (t) => ({
    kind: t.expose('kind', { type: SourceKindEnum, description: 'OFFICIAL, PRESS, SYNTHETIC (generated test data) or OTHER.' }),
    publisher: t.exposeString('publisher'),
    title: t.exposeString('title'),
    url: t.exposeString('url', { nullable: true }),
    publishedAt: t.expose('publishedAt', { type: 'Date', nullable: true }),
    author: t.exposeString('author', { nullable: true }),
    licence: t.exposeString('licence', { nullable: true }),
    originator: t.exposeString('originator', {
      nullable: true,
      description: 'Who produced the figures when the publisher only reports them.',
    }),
  }),
});
