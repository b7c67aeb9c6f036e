/**
 * Versioned rule sets, like the policy (app/policy/policy.server.ts): never edited in place,
 * every save writes version N+1, and a shop's first read migrates its policy's switches
 * into version 1 (rulesFromPolicy), so nothing changes until the merchant changes it.
 */
import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import prisma, { isUniqueViolation } from "~/db.server";
import { DomainError } from "~/lib/errors";
import { getCurrentPolicy } from "~/policy/policy.server";
import { isKnownStaff } from "~/staff/directory.server";
import { ruleSetSchema, rulesFromPolicy, type RuleSetRules } from "./definitions";

export type RuleSet = { shop: string; version: number; rules: RuleSetRules; createdBy: string | null; createdAt: Date };

const MAX_SAVE_ATTEMPTS = 8;

/** The shop's latest rule set; a shop without one gets version 1, migrated from its policy. */
export async function getCurrentRuleSet(shop: string): Promise<RuleSet> {
  const latest = await prisma.ruleSet.findFirst({ where: { shop }, orderBy: { version: "desc" } });
  if (latest) return toRuleSet(latest);
  const policy = await getCurrentPolicy(shop);
  try {
    const created = await prisma.$transaction(async (tx) => {
      const row = await tx.ruleSet.create({ data: { shop, version: 1, rules: rulesFromPolicy(policy), createdBy: "system" } });
      await recordAudit(tx, shop, {
        actor: "system",
        action: "rules.created",
        entityType: "rule_set",
        entityId: row.id,
        data: { version: 1, fromPolicyVersion: policy.version },
      });
      return row;
    });
    return toRuleSet(created);
  } catch (error) {
    // Two first reads raced to migrate: whoever won, the latest row is the answer.
    if (!isUniqueViolation(error)) throw error;
    const winner = await prisma.ruleSet.findFirst({ where: { shop }, orderBy: { version: "desc" } });
    if (!winner) throw error;
    return toRuleSet(winner);
  }
}

/** Parses a draft rule set, throwing an `invalid` DomainError with each field's message (keys like "review_signal.serialCount"). */
export async function parseRuleSet(shop: string, input: unknown): Promise<RuleSetRules> {
  const parsed = ruleSetSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".")] ??= []).push(issue.message);
    throw new DomainError("invalid", "The rules have errors; fix the marked fields.", { fieldErrors });
  }
  const fallback = parsed.data.sla_escalation.fallbackAssignee;
  if (fallback !== null && !(await isKnownStaff(shop, fallback))) {
    throw new DomainError("invalid", "The rules have errors; fix the marked fields.", {
      fieldErrors: { "sla_escalation.fallbackAssignee": ["Pick a staff member who has opened Aftercare in this shop, or leave it empty for the queue."] },
    });
  }
  return parsed.data;
}

/** The shop's latest rule set without migrating one: null means every rule that acts on its own is off. */
export async function findCurrentRuleSet(shop: string): Promise<RuleSet | null> {
  const latest = await prisma.ruleSet.findFirst({ where: { shop }, orderBy: { version: "desc" } });
  return latest ? toRuleSet(latest) : null;
}

/** Validates and saves the merchant's rules as the next version; the old versions stay. */
export async function saveRuleSetVersion(shop: string, input: unknown, actor: string): Promise<RuleSet> {
  const rules = await parseRuleSet(shop, input);
  for (let attempt = 1; ; attempt++) {
    try {
      const row = await prisma.$transaction(async (tx) => {
        const latest = await tx.ruleSet.findFirst({ where: { shop }, orderBy: { version: "desc" }, select: { version: true } });
        const version = (latest?.version ?? 0) + 1;
        const created = await tx.ruleSet.create({ data: { shop, version, rules, createdBy: actor } });
        const enabled = Object.entries(rules).filter(([, r]) => r.enabled).map(([key]) => key);
        await recordAudit(tx, shop, { actor, action: "rules.saved", entityType: "rule_set", entityId: created.id, data: { version, enabled } });
        return created;
      });
      return toRuleSet(row);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_SAVE_ATTEMPTS) throw error;
    }
  }
}

function toRuleSet(row: { shop: string; version: number; rules: unknown; createdBy: string | null; createdAt: Date }): RuleSet {
  const rules = ruleSetSchema.safeParse(row.rules);
  if (!rules.success) throw new Error(`Rule set version ${row.version} of ${row.shop} is unreadable: ${z.prettifyError(rules.error)}`);
  return { shop: row.shop, version: row.version, rules: rules.data, createdBy: row.createdBy, createdAt: row.createdAt };
}
