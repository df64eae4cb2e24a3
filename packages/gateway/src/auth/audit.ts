import type { AuditAction, AuditEvent, Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { Principal } from './principal.ts';

export interface AuditEntry {
  action: AuditAction;
  /** The key that acted; null when no key was used (the command line, the seed). */
  principal: Principal | null;
  /** Who acted without a key. @default "key" with a principal, else "cli" */
  actor?: string;
  /** What was changed: an import id, a chart id, a key prefix. */
  subject: string;
  /** Counts and names that say what changed; never a secret. */
  details: object;
}

/**
 * Records who changed what. Call it with the transaction that makes the change, so the entry
 * exists exactly when the change does.
 */
export function recordAudit(tx: PrismaClient | Prisma.TransactionClient, entry: AuditEntry): Promise<AuditEvent> {
  return tx.auditEvent.create({
    data: {
      action: entry.action,
      keyId: entry.principal?.keyId ?? null,
      actor: entry.actor ?? (entry.principal ? 'key' : 'cli'),
      subject: entry.subject,
      details: entry.details as Prisma.InputJsonValue,
    },
  });
}
