/** The automation page's data: the current rule set, who may take escalated tickets, and the recent runs, a page at a time. */
import { z } from "zod";
import prisma from "~/db.server";
import { getShop } from "~/shops/shops.server";
import { listStaff } from "~/staff/directory.server";
import { isRuleKey, RULE_TITLES, type RuleSetRules } from "./definitions";
import { getCurrentRuleSet } from "./ruleset.server";

const RUNS_PAGE_SIZE = 20;

export type RuleRunView = {
  id: string;
  ruleKey: string;
  /** The rule's title, or its key for a rule this version no longer knows. */
  title: string;
  ruleSetVersion: number;
  entityType: string;
  entityId: string;
  trigger: string;
  decision: string;
  outcome: string;
  reasons: string[];
  facts: Record<string, unknown>;
  error: string | null;
  createdAt: string;
};

export type AutomationPage = {
  version: number;
  savedAt: string;
  savedBy: string | null;
  rules: RuleSetRules;
  currencyCode: string;
  staff: { actor: string; name: string }[];
  runs: RuleRunView[];
  page: number;
  hasMore: boolean;
};

const reasonList = z.array(z.string());
const factsObject = z.record(z.string(), z.unknown());

/** The page's data; `page` counts from 1, newest runs first. */
export async function loadAutomationPage(shop: string, page: number): Promise<AutomationPage> {
  const [ruleSet, shopRow, staff] = await Promise.all([getCurrentRuleSet(shop), getShop(shop), listStaff(shop)]);
  const rows = await prisma.ruleRun.findMany({
    where: { shop },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * RUNS_PAGE_SIZE,
    take: RUNS_PAGE_SIZE + 1,
  });
  return {
    version: ruleSet.version,
    savedAt: ruleSet.createdAt.toISOString(),
    savedBy: ruleSet.createdBy,
    rules: ruleSet.rules,
    currencyCode: shopRow?.currencyCode ?? "USD",
    staff,
    runs: rows.slice(0, RUNS_PAGE_SIZE).map((r) => ({
      id: r.id,
      ruleKey: r.ruleKey,
      title: isRuleKey(r.ruleKey) ? RULE_TITLES[r.ruleKey].title : r.ruleKey,
      ruleSetVersion: r.ruleSetVersion,
      entityType: r.entityType,
      entityId: r.entityId,
      trigger: r.trigger,
      decision: r.decision,
      outcome: r.outcome,
      reasons: reasonList.catch([]).parse(r.reasons),
      facts: factsObject.catch({}).parse(r.facts),
      error: r.error,
      createdAt: r.createdAt.toISOString(),
    })),
    page,
    hasMore: rows.length > RUNS_PAGE_SIZE,
  };
}
