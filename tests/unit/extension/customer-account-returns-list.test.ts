/**
 * The list of an order's returns the customer account extension shows in the order-status
 * block and on the return page (extensions/customer-account-returns/src/OrderReturns.tsx):
 * rendered by calling it, as it has no hooks, and read as the customer would read it.
 */
import type { VNode } from "preact";
import { describe, expect, it, vi } from "vitest";
import { itemsText, ReturnsList } from "../../../extensions/customer-account-returns/src/OrderReturns";
import type { OrderReturn } from "~/returns/portal-contract";

/** The element tree under a vnode, function components called, as `{ tag, props, children }`. */
type Node = { tag: string; props: Record<string, unknown>; children: (Node | string)[] };
function expand(node: unknown): (Node | string)[] {
  if (node === null || node === undefined || typeof node === "boolean") return [];
  if (typeof node === "string" || typeof node === "number") return [String(node)];
  if (Array.isArray(node)) return node.flatMap(expand);
  const vnode = node as VNode<Record<string, unknown>>;
  if (typeof vnode.type === "function") return expand((vnode.type as (p: unknown) => unknown)(vnode.props));
  const { children, ...props } = vnode.props;
  return [{ tag: String(vnode.type), props, children: expand(children) }];
}
const text = (nodes: (Node | string)[]): string => nodes.map((n) => (typeof n === "string" ? n : text(n.children))).join(" ").replace(/\s+/g, " ").trim();
const byTag = (nodes: (Node | string)[], tag: string): Node[] =>
  nodes.flatMap((n) => (typeof n === "string" ? [] : [...(n.tag === tag ? [n] : []), ...byTag(n.children, tag)]));

const usd = (amountMinor: number) => ({ amountMinor, currencyCode: "USD" });
const aReturn = (over: Partial<OrderReturn>): OrderReturn => ({
  returnId: "r1",
  status: "approved",
  statusLabel: "Approved — send the items back",
  resolution: "refund",
  lines: [{ title: "Classic Tee", variantTitle: "M", quantity: 1, exchangeVariantTitle: null }],
  refundTotal: usd(2700),
  storeCreditTotal: usd(0),
  requestedAt: "2026-11-20T08:00:00.000Z",
  updatedAt: "2026-11-20T08:00:00.000Z",
  resolvedAt: null,
  ...over,
});
const host = { locale: "fr", t: (key: string) => `[${key}]` };

describe("the order's returns in customer accounts", () => {
  it("GIVEN two returns WHEN listed THEN each shows the app's status words, the day in the customer's language and its items, in the app's order", () => {
    // GIVEN a newer return (as the app answers: newest first) and an older, completed one
    const returns = [
      aReturn({ returnId: "new", statusLabel: "Approuvé — renvoyez les articles" }),
      aReturn({
        returnId: "old",
        status: "resolved",
        statusLabel: "Terminé",
        requestedAt: "2026-11-02T10:00:00.000Z",
        lines: [
          { title: "Ceramic Mug", variantTitle: null, quantity: 2, exchangeVariantTitle: null },
          { title: "Classic Tee", variantTitle: "L", quantity: 1, exchangeVariantTitle: null },
        ],
      }),
    ];
    // WHEN rendered for the order-status block (no buttons)
    const tree = expand(ReturnsList({ host, returns }));
    // THEN one entry per return, in that order, with the status as a badge
    const items = byTag(tree, "s-list-item");
    expect(items.map((i) => text(i.children))).toEqual([
      "Approuvé — renvoyez les articles 20 nov. 2026 Classic Tee — M × 1",
      "Terminé 2 nov. 2026 Ceramic Mug × 2, Classic Tee — L × 1",
    ]);
    expect(byTag(tree, "s-badge").map((b) => text(b.children))).toEqual(["Approuvé — renvoyez les articles", "Terminé"]);
    expect(byTag(tree, "s-button")).toEqual([]);
  });

  it("GIVEN no returns WHEN listed THEN the list is empty", () => {
    expect(byTag(expand(ReturnsList({ host, returns: [] })), "s-list-item")).toEqual([]);
  });

  it("GIVEN the return page's list WHEN a return's button is pressed THEN that return is opened", () => {
    // GIVEN the list with a view button per return
    const onView = vi.fn();
    const tree = expand(ReturnsList({ host, returns: [aReturn({ returnId: "a" }), aReturn({ returnId: "b" })], onView }));
    const buttons = byTag(tree, "s-button");
    expect(buttons.map((b) => text(b.children))).toEqual(["[return_view]", "[return_view]"]);
    // WHEN the second is pressed
    (buttons[1]?.props.onClick as () => void)();
    // THEN the second return opens
    expect(onView).toHaveBeenCalledWith("b");
  });

  it("GIVEN items with and without a variant WHEN summed up THEN each reads title — variant × quantity", () => {
    expect(itemsText(aReturn({ lines: [{ title: "Mug", variantTitle: null, quantity: 3, exchangeVariantTitle: null }] }))).toBe("Mug × 3");
  });
});
