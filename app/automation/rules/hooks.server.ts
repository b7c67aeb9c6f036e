/**
 * Where the domain tells the rules engine that something happened. Each hook is one call
 * after the domain's own work has committed; a rule's failure never undoes or fails that
 * work (the run records it, and the sweep catches what a hook missed).
 */
import { DomainError } from "~/lib/errors";
import type { ShopifyAdminClient } from "~/shopify/client.server";
import { RULE_TITLES } from "./definitions";
import { runReturnRules, type ReturnTrigger, type RunReport } from "./runner.server";

/** After an agent approves or receives a return: runs the rules and adds what they did to the agent's message. */
export async function thenRunReturnRules(
  shop: string,
  returnId: string,
  trigger: ReturnTrigger,
  deps: { client: ShopifyAdminClient; now?: Date },
  result: { message: string },
): Promise<{ message: string }> {
  const reports = await runQuietly(shop, returnId, [trigger], deps);
  const said = reports.filter((r) => r.decision === "act" && r.outcome !== "already_run").map((r) => sentence(r));
  return { message: [result.message, ...said].join(" ") };
}

/** After a portal request is recorded and synced: the review signal, and the green return when it was approved at once. */
export async function afterPortalRequest(shop: string, returnId: string, approved: boolean, deps: { client: ShopifyAdminClient; now?: Date }): Promise<void> {
  await runQuietly(shop, returnId, approved ? ["return.requested", "return.approved"] : ["return.requested"], deps);
}

async function runQuietly(shop: string, returnId: string, triggers: ReturnTrigger[], deps: { client: ShopifyAdminClient; now?: Date }): Promise<RunReport[]> {
  const reports: RunReport[] = [];
  for (const trigger of triggers) {
    try {
      reports.push(...(await runReturnRules(shop, returnId, trigger, deps)));
    } catch (error) {
      // The domain's work stands; the minutely sweep runs the rules again (nothing was claimed).
      if (!(error instanceof DomainError)) console.error(`Rules for return ${returnId} (${trigger}) did not run`, error);
    }
  }
  return reports;
}

function sentence(report: RunReport): string {
  const title = RULE_TITLES[report.ruleKey].title;
  return report.outcome === "succeeded" ? `Rule "${title}" acted.` : `Rule "${title}" could not act; see the return's history.`;
}
