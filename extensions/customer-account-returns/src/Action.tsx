/** @jsxImportSource preact */
/**
 * customer-account.order.action.render: the modal "Start a return" opens. One step, as Shopify's
 * action modal allows: what in this order can be returned and until when, then Continue to the
 * return page (Page.tsx) for the steps. Nothing is asked that Shopify already knows: the order
 * comes from the target (`shopify.orderId`), the customer from the session token.
 */
import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/customer-account.order.action.render";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { EligibilityResponse } from "../../returns-portal/src/types";
import { legacyId } from "./api";
import { createHost, dateText, lineTitle, RETURN_PAGE, type Host } from "./host";

/** Shopify's global for this target (what the CLI's generated shopify.d.ts declares). */
declare const shopify: Api;

export default async () => {
  render(<StartReturn host={createHost(shopify)} orderId={shopify.orderId} close={() => shopify.close()} />, document.body);
};

export function StartReturn({ host, orderId, close }: { host: Host; orderId: string; close: () => void }) {
  const { t } = host;
  const [eligibility, setEligibility] = useState<EligibilityResponse | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    host.client.get<EligibilityResponse>(`/orders/${legacyId(orderId)}/eligibility`).then(setEligibility, (e: unknown) => setError(host.failure(e)));
  }, [host, orderId]);
  const open = eligibility?.lines.filter((l) => l.eligible && l.returnableQuantity > 0) ?? [];
  const count = open.reduce((n, l) => n + l.returnableQuantity, 0);
  return (
    <s-customer-account-action heading={t("action_heading")}>
      <s-stack gap="base">
        {!eligibility && !error ? <s-spinner accessibilityLabel={t("loading")} /> : null}
        {error ? <s-banner tone="critical">{error}</s-banner> : null}
        {eligibility ? (
          <s-stack gap="small-200">
            <s-text type="strong">{t("items_order", { order: eligibility.order.name })}</s-text>
            {open.length ? (
              <s-stack gap="small-200">
                <s-paragraph>{t("orders_returnable", { count })}</s-paragraph>
                <s-unordered-list>
                  {open.map((l) => (
                    <s-list-item key={l.id}>{lineTitle(l)}</s-list-item>
                  ))}
                </s-unordered-list>
                {eligibility.windowEndsOn ? <s-paragraph>{t("window_ends", { date: dateText(eligibility.windowEndsOn, host.locale, "long") })}</s-paragraph> : null}
              </s-stack>
            ) : (
              <s-paragraph>{t("items_none")}</s-paragraph>
            )}
          </s-stack>
        ) : null}
      </s-stack>
      {open.length ? (
        <s-button slot="primary-action" href={RETURN_PAGE}>
          {t("continue")}
        </s-button>
      ) : null}
      <s-button slot="secondary-actions" onClick={close}>
        {t("action_close")}
      </s-button>
    </s-customer-account-action>
  );
}
