import { requireScope, type Principal } from '../auth/principal.ts';
import { builder } from '../builder.ts';
import { KeyScopeEnum } from './enums.ts';

// A plain object type, not a relay node: node(id:) would hand keys to anyone who guessed an id.
builder.prismaObject('ApiKey', {
  description: 'A key that authorises writes. The key itself is shown once, when created; only its prefix is kept in clear.',
  fields: (t) => ({
    prefix: t.exposeString('prefix', { description: 'The first characters of the key, e.g. `chiso_k7Qx2mPa`.' }),
    name: t.exposeString('name', { description: 'Who holds it.' }),
    scopes: t.expose('scopes', { type: [KeyScopeEnum] }),
    regions: t.exposeStringList('regions', { description: 'Province codes it may publish for, with their predecessors; empty for all.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: 'Last request with the key (to the minute).' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true, description: 'When it was revoked; a revoked key authorises nothing.' }),
  }),
});

const Viewer = builder.objectRef<Principal>('Viewer').implement({
  description: 'The key the request was sent with.',
  fields: (t) => ({
    prefix: t.exposeString('prefix'),
    name: t.exposeString('name'),
    scopes: t.field({ type: [KeyScopeEnum], resolve: (p) => p.scopes }),
    regions: t.exposeStringList('regions', { description: 'Province codes it may publish for; empty for all.' }),
  }),
});

builder.queryFields((t) => ({
  apiKeys: t.prismaField({
    type: ['ApiKey'],
    description: 'Every key, oldest first, revoked ones included. Needs an ADMIN key.',
    resolve: async (query, _root, _args, ctx) => {
      requireScope(await ctx.principal(), 'ADMIN');
      return ctx.prisma.apiKey.findMany({ ...query, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    },
  }),
  viewer: t.field({
    type: Viewer,
    nullable: true,
    description:
      'The key sent in `Authorization: Bearer <key>`, null without one; UNAUTHENTICATED for an unknown or revoked key. Lets a page check a pasted key.',
    resolve: (_root, _args, ctx) => ctx.principal(),
  }),
}));
