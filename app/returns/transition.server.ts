/**
 * The one way a return changes status: check the table, stamp the milestone, write the
 * audit event — all in one transaction, guarded so two people acting at once cannot both
 * win.
 */
import prisma, { type Tx } from "~/db.server";
import { recordAudit, type AuditData } from "~/audit/audit.server";
import { emailReturnStatus } from "~/email/emit.server";
import { DomainError } from "~/lib/errors";
import { assertTransition, MILESTONE_FIELD, parseReturnStatus, type ReturnStatus } from "~/returns/status";


export type TransitionOptions = {
  /** extra facts for the audit event (no personal data) */
  data?: AuditData;
  /** why a return was declined; stored on the return and shown to the shopper */
  declineReason?: string;
  /** when it happened, if not now (e.g. Shopify's triggered-at for a mirrored change) */
  at?: Date;
};

export type TransitionResult = { id: string; from: ReturnStatus; to: ReturnStatus; at: Date };

/** Moves a return of this shop to `to`, stamping its milestone and auditing it, in one transaction. */
export async function transitionReturn(
  shop: string,
  returnId: string,
  to: ReturnStatus,
  actor: string,
  options: TransitionOptions = {},
): Promise<TransitionResult> {
  return prisma.$transaction((tx) => transitionReturnInTx(tx, shop, returnId, to, actor, options));
}

/** The same transition inside the caller's transaction, for workflows that change more than the status. */
export async function transitionReturnInTx(
  tx: Tx,
  shop: string,
  returnId: string,
  to: ReturnStatus,
  actor: string,
  options: TransitionOptions = {},
): Promise<TransitionResult> {
  const current = await tx.returnCase.findFirst({ where: { id: returnId, shop }, select: { id: true, status: true } });
  if (!current) throw new DomainError("not_found", `Return ${returnId} was not found.`);
  const from = parseReturnStatus(current.status);
  assertTransition({ id: returnId, status: from }, to);

  const at = options.at ?? new Date();
  const milestone = MILESTONE_FIELD[to];
  // Optimistic guard: the row must still be in the status we checked. On PostgreSQL a
  // parallel transition blocks on the row lock, then finds the status changed: 0 rows.
  const { count } = await tx.returnCase.updateMany({
    where: { id: returnId, shop, status: from },
    data: {
      status: to,
      ...(milestone ? { [milestone]: at } : {}),
      ...(to === "declined" && options.declineReason !== undefined ? { declineReason: options.declineReason } : {}),
    },
  });
  if (count === 0) {
    throw new DomainError("conflict", `Return ${returnId} changed meanwhile; reload it and try again.`, { returnId, from, to });
  }

  await recordAudit(tx, shop, {
    actor,
    action: `return.${to}`,
    entityType: "return",
    entityId: returnId,
    // from/to last: caller data cannot misstate the move itself.
    data: { ...options.data, from, to },
  });
  await emailReturnStatus(tx, shop, returnId, to, at, actor);
  return { id: returnId, from, to, at };
}
