import { requireScope } from '../auth/principal.ts';
import { builder } from '../builder.ts';
import { connectionCursors, inputText } from './input-text.ts';
import type { AuditAction, Prisma } from '../generated/prisma/client.ts';
import { AuditActionEnum } from './enums.ts';

// A plain object type, not a relay node: node(id:) would bypass the ADMIN check.
builder.prismaObject('AuditEvent', {
  description: 'Who changed what, and when: an import, a catalogue change, a chart saved, a key created or revoked.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    at: t.expose('at', { type: 'DateTime' }),
    action: t.expose('action', { type: AuditActionEnum }),
    actor: t.exposeString('actor', { description: '`key` when a key acted, else who did: `cli`, `seed`.' }),
    key: t.relation('key', { nullable: true, description: 'The key that acted, if any.' }),
    subject: t.exposeString('subject', { description: 'What was changed: an import id, a chart id, a key prefix.' }),
    details: t.string({
      description: 'What changed, as JSON text: counts and names (a chart: version, element, indicators, regions).',
      resolve: (e) => JSON.stringify(e.details),
    }),
  }),
});

interface AuditFilter {
  action?: AuditAction | null;
  keyPrefix?: string | null;
  since?: Date | null;
  until?: Date | null;
}

const auditFilter = (args: AuditFilter): Prisma.AuditEventWhereInput => ({
  ...(args.action ? { action: args.action } : {}),
  ...(args.keyPrefix ? { key: { prefix: args.keyPrefix } } : {}),
  ...(args.since || args.until ? { at: { ...(args.since ? { gte: args.since } : {}), ...(args.until ? { lt: args.until } : {}) } } : {}),
});

builder.queryFields((t) => ({
  auditLog: t.prismaConnection(
    {
      type: 'AuditEvent',
      cursor: 'id',
      validate: connectionCursors('number'),
      description: 'The audit log, newest first. Needs an ADMIN key.',
      args: {
        action: t.arg({ type: AuditActionEnum }),
        keyPrefix: t.arg.string({ description: 'Only what this key did, e.g. `chiso_k7Qx2mPa`.', validate: inputText.keyPrefix }),
        since: t.arg({ type: 'DateTime', description: 'Only entries at or after this instant.' }),
        until: t.arg({ type: 'DateTime', description: 'Only entries before this instant.' }),
      },
      totalCount: async (_connection, args, ctx) => {
        requireScope(await ctx.principal(), 'ADMIN');
        return ctx.prisma.auditEvent.count({ where: auditFilter(args) });
      },
      resolve: async (query, _root, args, ctx) => {
        requireScope(await ctx.principal(), 'ADMIN');
        return ctx.prisma.auditEvent.findMany({ ...query, where: auditFilter(args), orderBy: { id: 'desc' } });
      },
    },
    { name: 'AuditEventConnection' },
    { name: 'AuditEventEdge' },
  ),
}));
