/** @jsxImportSource preact */
/**
 * This order's returns, as the app lists them (`GET orders/:orderId/returns`): every return,
 * whether it was started here, on the storefront or in Shopify, with its status in the
 * storefront's own words (the app sends `statusLabel` in the customer's language). Shown by
 * the order-status block and the return page. `ReturnsList` has no hooks, so a test can
 * render it by calling it.
 */
import { useEffect, useState } from "preact/hooks";
import type { OrderReturn, OrderReturnsResponse } from "../../returns-portal/src/types";
import { legacyId } from "./api";
import { dateText, type Host } from "./host";

/** The order's returns (null while loading), the sentence for a failed load, and a reload. */
export function useOrderReturns(host: Host, orderId: string): { returns: OrderReturn[] | null; error: string; reload: () => void } {
  const [returns, setReturns] = useState<OrderReturn[] | null>(null);
  const [error, setError] = useState("");
  const reload = () => {
    setError("");
    host.client.get<OrderReturnsResponse>(`/orders/${legacyId(orderId)}/returns`).then(
      (r) => setReturns(r.returns),
      (e: unknown) => setError(host.failure(e)),
    );
  };
  useEffect(reload, [host, orderId]);
  return { returns, error, reload };
}

/** "Classic Tee — M × 1, Ceramic Mug × 2" */
export const itemsText = (r: OrderReturn) => r.lines.map((l) => `${l.variantTitle ? `${l.title} — ${l.variantTitle}` : l.title} × ${l.quantity}`).join(", ");

/** Newest first, as the app answers: status, the day it was asked for, the items; `onView` adds a button per return. */
export function ReturnsList({ host, returns, onView }: { host: Pick<Host, "t" | "locale">; returns: OrderReturn[]; onView?: (returnId: string) => void }) {
  return (
    <s-unordered-list>
      {returns.map((r) => (
        <s-list-item key={r.returnId}>
          <s-stack gap="small-300">
            <s-stack direction="inline" gap="small-200" alignItems="center">
              <s-badge tone={r.status === "declined" || r.status === "canceled" ? "neutral" : "auto"}>{r.statusLabel}</s-badge>
              <s-text color="subdued">{dateText(r.requestedAt, host.locale)}</s-text>
              {onView ? (
                <s-button variant="secondary" onClick={() => onView(r.returnId)}>
                  {host.t("return_view")}
                </s-button>
              ) : null}
            </s-stack>
            <s-text>{itemsText(r)}</s-text>
          </s-stack>
        </s-list-item>
      ))}
    </s-unordered-list>
  );
}
