/**
 * Versioned return policies. A policy is never edited in place: every save writes
 * version N+1, so a return can always be explained by the version that judged it.
 */
import type { Policy as PolicyModel } from ".prisma/client-sqlite";
import prisma, { isUniqueViolation } from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { DomainError } from "~/lib/errors";
import { fromBigInt, toBigInt } from "~/lib/money";
import { DEFAULT_POLICY, policyInputSchema, returnReasonSchema, type PolicyInput } from "~/policy/schemas";
import { z } from "zod";

export type Policy = PolicyInput & {
  id: string;
  shop: string;
  version: number;
  createdBy: string | null;
  createdAt: Date;
};

type PolicyRow = PolicyModel;

// Parallel saves race for the same next version; the unique (shop, version) makes the
// loser fail cleanly, and it retries with the version after the winner's.
const MAX_SAVE_ATTEMPTS = 8;

/** The shop's latest policy; a shop without one gets version 1 from the starter defaults. */
export async function getCurrentPolicy(shop: string): Promise<Policy> {
  const latest = await prisma.policy.findFirst({ where: { shop }, orderBy: { version: "desc" } });
  if (latest) return toPolicy(latest);
  try {
    const created = await prisma.$transaction(async (tx) => {
      const row = await tx.policy.create({ data: { shop, version: 1, ...toPolicyData(DEFAULT_POLICY), createdBy: "system" } });
      await recordAudit(tx, shop, { actor: "system", action: "policy.created", entityType: "policy", entityId: row.id, data: { version: 1, defaults: true } });
      return row;
    });
    return toPolicy(created);
  } catch (error) {
    // Two first requests raced to create version 1 (or a merchant saved meanwhile):
    // whoever won, the latest row is now the answer.
    if (!isUniqueViolation(error)) throw error;
    const winner = await prisma.policy.findFirst({ where: { shop }, orderBy: { version: "desc" } });
    if (!winner) throw error;
    return toPolicy(winner);
  }
}

/** Validates and saves the merchant's policy as the next version; the old versions stay. */
export async function savePolicyVersion(shop: string, input: unknown, actor: string): Promise<Policy> {
  const parsed = policyInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new DomainError("invalid", "The return policy has errors; fix the marked fields.", {
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
      formErrors: z.flattenError(parsed.error).formErrors,
    });
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const row = await prisma.$transaction(async (tx) => {
        const latest = await tx.policy.findFirst({ where: { shop }, orderBy: { version: "desc" }, select: { version: true } });
        const version = (latest?.version ?? 0) + 1;
        const created = await tx.policy.create({ data: { shop, version, ...toPolicyData(parsed.data), createdBy: actor } });
        await recordAudit(tx, shop, { actor, action: "policy.saved", entityType: "policy", entityId: created.id, data: { version } });
        return created;
      });
      return toPolicy(row);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_SAVE_ATTEMPTS) throw error;
    }
  }
}

/** One version of the shop's policy, e.g. the one a return was judged by. */
export async function getPolicyVersion(shop: string, version: number): Promise<Policy> {
  const row = await prisma.policy.findUnique({ where: { shop_version: { shop, version } } });
  if (!row) throw new DomainError("not_found", `Policy version ${version} was not found.`);
  return toPolicy(row);
}

// ── rows ↔ domain, in one place ──────────────────────────────────────────────────────

const stringList = z.array(z.string());
const windowStart = z.enum(["delivery", "fulfillment"]);
const reasonList = z.array(returnReasonSchema);

/** A stored row as the domain's Policy: BigInt → checked numbers, Json → typed lists. */
export function toPolicy(row: PolicyRow): Policy {
  return {
    id: row.id,
    shop: row.shop,
    version: row.version,
    returnWindowDays: row.returnWindowDays,
    windowStartsFrom: windowStart.parse(row.windowStartsFrom),
    allowRefund: row.allowRefund,
    allowStoreCredit: row.allowStoreCredit,
    allowExchange: row.allowExchange,
    storeCreditBonusBps: row.storeCreditBonusBps,
    restockingFeeBps: row.restockingFeeBps,
    returnShippingFeeMinor: fromBigInt(row.returnShippingFeeMinor),
    excludedTags: stringList.parse(row.excludedTags),
    excludedProductTypes: stringList.parse(row.excludedProductTypes),
    finalSaleTag: row.finalSaleTag,
    reasons: reasonList.parse(row.reasons),
    autoApprove: row.autoApprove,
    manualReviewThresholdMinor: row.manualReviewThresholdMinor === null ? null : fromBigInt(row.manualReviewThresholdMinor),
    serialReturnerCount: row.serialReturnerCount,
    serialReturnerDays: row.serialReturnerDays,
    keepItemThresholdMinor: row.keepItemThresholdMinor === null ? null : fromBigInt(row.keepItemThresholdMinor),
    policyText: row.policyText,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

function toPolicyData(input: PolicyInput) {
  return {
    returnWindowDays: input.returnWindowDays,
    windowStartsFrom: input.windowStartsFrom,
    allowRefund: input.allowRefund,
    allowStoreCredit: input.allowStoreCredit,
    allowExchange: input.allowExchange,
    storeCreditBonusBps: input.storeCreditBonusBps,
    restockingFeeBps: input.restockingFeeBps,
    returnShippingFeeMinor: toBigInt(input.returnShippingFeeMinor),
    excludedTags: input.excludedTags,
    excludedProductTypes: input.excludedProductTypes,
    finalSaleTag: input.finalSaleTag,
    reasons: input.reasons,
    autoApprove: input.autoApprove,
    manualReviewThresholdMinor: input.manualReviewThresholdMinor === null ? null : toBigInt(input.manualReviewThresholdMinor),
    serialReturnerCount: input.serialReturnerCount,
    serialReturnerDays: input.serialReturnerDays,
    keepItemThresholdMinor: input.keepItemThresholdMinor === null ? null : toBigInt(input.keepItemThresholdMinor),
    policyText: input.policyText,
  };
}

