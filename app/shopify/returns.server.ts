/**
 * A return's lifecycle through the Admin API: the shop's return reasons, `returnRequest`
 * (REQUESTED), `returnApproveRequest` (OPEN), `returnDeclineRequest` (DECLINED),
 * `returnCancel` (CANCELED) and `returnClose` (CLOSED). None documents idempotency, so
 * the client does not resend them after a 5xx; callers reconcile with the return's state
 * in Shopify before trying again (app/returns/request.server.ts, actions.server.ts).
 * `getShopifyReturn` reads a return as it stands now, for mirroring returns made or
 * changed in Shopify admin (app/returns/mirror.server.ts).
 */
import type { ShopifyAdminClient } from "./client.server";
import type { CurrencyCode } from "~/types/admin.types";
import { assertNoUserErrors, ShopifyMissingDataError } from "./errors";
import { fromMoneyV2, toDecimalString, type Money } from "./money";

const RETURN_REASON_DEFINITIONS = `#graphql
  query ReturnReasonDefinitions {
    returnReasonDefinitions(first: 100) {
      nodes { id handle name deleted }
    }
  }
`;

const RETURN_REQUEST = `#graphql
  mutation PortalReturnRequest($input: ReturnRequestInput!) {
    returnRequest(input: $input) {
      return { id name status }
      userErrors { field message code }
    }
  }
`;

const RETURN_APPROVE_REQUEST = `#graphql
  mutation PortalReturnApproveRequest($input: ReturnApproveRequestInput!) {
    returnApproveRequest(input: $input) {
      return { id name status }
      userErrors { field message code }
    }
  }
`;

const RETURN_DECLINE_REQUEST = `#graphql
  mutation ReturnDeclineRequest($input: ReturnDeclineRequestInput!) {
    returnDeclineRequest(input: $input) {
      return { id name status }
      userErrors { field message code }
    }
  }
`;

const RETURN_CANCEL = `#graphql
  mutation ReturnCancel($id: ID!) {
    returnCancel(id: $id) {
      return { id name status }
      userErrors { field message code }
    }
  }
`;

const RETURN_CLOSE = `#graphql
  mutation ReturnClose($id: ID!) {
    returnClose(id: $id) {
      return { id name status }
      userErrors { field message code }
    }
  }
`;

// Everything a mirrored return needs in one read (under 1,000 points with 50 lines:
// tests/unit/shopify/cost.test.ts). Prices come in the currency the customer paid in, as
// the portal records them; a full page of lines is reported, never silently cut.
const GET_SHOPIFY_RETURN = `#graphql
  query GetShopifyReturn($id: ID!) {
    return(id: $id) {
      id
      name
      status
      createdAt
      requestApprovedAt
      closedAt
      decline { reason note }
      order {
        id
        name
        email
        presentmentCurrencyCode
        customer { id displayName defaultEmailAddress { emailAddress } }
      }
      returnLineItems(first: 50) {
        pageInfo { hasNextPage }
        nodes {
          id
          quantity
          customerNote
          returnReasonNote
          returnReasonDefinition { id handle name }
          ... on ReturnLineItem {
            fulfillmentLineItem {
              id
              lineItem {
                id
                title
                variantTitle
                sku
                quantity
                image { url }
                product { id }
                variant { id }
                discountedUnitPriceAfterAllDiscountsSet { presentmentMoney { amount currencyCode } }
                taxLines { priceSet { presentmentMoney { amount currencyCode } } }
              }
            }
          }
        }
      }
      exchangeLineItems(first: 10) { nodes { id variantId quantity } }
    }
  }
`;

export interface ReturnReasonDefinition {
  id: string;
  handle: string;
  name: string;
}

/** The shop's return reasons (Shopify's taxonomy), deleted ones left out. */
export async function listReturnReasonDefinitions(client: ShopifyAdminClient): Promise<ReturnReasonDefinition[]> {
  const data = await client.request(RETURN_REASON_DEFINITIONS);
  return data.returnReasonDefinitions.nodes.filter((r) => !r.deleted).map((r) => ({ id: r.id, handle: r.handle, name: r.name }));
}

export interface ReturnRequestLine {
  fulfillmentLineItemId: string;
  quantity: number;
  returnReasonDefinitionId: string | null;
  customerNote: string | null;
  /** Percentage of the line's price (12.5 = 12.5 %), when the policy charges one. */
  restockingFeePercentage: number | null;
}

export interface RequestedReturn {
  id: string;
  name: string;
  status: string;
}

type ReturnPayload = { return?: RequestedReturn | null; userErrors: readonly { field?: readonly string[] | null; message: string; code?: string | null }[] };

// Every lifecycle mutation answers `{ return { id name status } userErrors }`: userErrors
// become ShopifyUserError, a missing return ShopifyMissingDataError.
function returnOf(payload: ReturnPayload | null | undefined, operation: string, field: string): RequestedReturn {
  const checked = assertNoUserErrors(payload, operation);
  if (!checked.return) throw new ShopifyMissingDataError(operation, `${field}.return`);
  return { id: checked.return.id, name: checked.return.name, status: checked.return.status };
}

/** Requests a return (status REQUESTED) for fulfilled units of an order. */
export async function requestReturn(
  client: ShopifyAdminClient,
  input: { orderId: string; lines: ReturnRequestLine[]; returnShippingFee: Money | null },
): Promise<RequestedReturn> {
  const data = await client.request(RETURN_REQUEST, {
    input: {
      orderId: input.orderId,
      returnLineItems: input.lines.map((l) => ({
        fulfillmentLineItemId: l.fulfillmentLineItemId,
        quantity: l.quantity,
        ...(l.returnReasonDefinitionId ? { returnReasonDefinitionId: l.returnReasonDefinitionId } : {}),
        // Shopify caps the customer note at 300 characters.
        ...(l.customerNote ? { customerNote: l.customerNote.slice(0, 300) } : {}),
        ...(l.restockingFeePercentage ? { restockingFee: { percentage: l.restockingFeePercentage } } : {}),
      })),
      ...(input.returnShippingFee ? { returnShippingFee: { amount: { amount: toDecimalString(input.returnShippingFee), currencyCode: input.returnShippingFee.currencyCode as CurrencyCode } } } : {}),
    },
  });
  return returnOf(data.returnRequest, "PortalReturnRequest", "returnRequest");
}

/**
 * Approves a requested return (REQUESTED → OPEN). Shopify emails the customer the approval
 * and its instructions (the shop's "Return request approved" notification), which is what
 * the portal tells the shopper to expect; the app itself sends no email.
 */
export async function approveReturnRequest(client: ShopifyAdminClient, returnId: string): Promise<RequestedReturn> {
  const data = await client.request(RETURN_APPROVE_REQUEST, { input: { id: returnId, notifyCustomer: true } });
  return returnOf(data.returnApproveRequest, "PortalReturnApproveRequest", "returnApproveRequest");
}

/**
 * Declines a requested return (REQUESTED → DECLINED). Shopify only knows three decline
 * reasons; the agent's own words travel as the note, which Shopify shows the customer.
 */
export async function declineReturnRequest(client: ShopifyAdminClient, returnId: string, note: string): Promise<RequestedReturn> {
  const data = await client.request(RETURN_DECLINE_REQUEST, {
    input: { id: returnId, declineReason: "OTHER", declineNote: note, notifyCustomer: true },
  });
  return returnOf(data.returnDeclineRequest, "ReturnDeclineRequest", "returnDeclineRequest");
}

/** Cancels a return that has not been processed (→ CANCELED). */
export async function cancelReturn(client: ShopifyAdminClient, returnId: string): Promise<RequestedReturn> {
  const data = await client.request(RETURN_CANCEL, { id: returnId });
  return returnOf(data.returnCancel, "ReturnCancel", "returnCancel");
}

/** Closes a processed return (→ CLOSED). */
export async function closeReturn(client: ShopifyAdminClient, returnId: string): Promise<RequestedReturn> {
  const data = await client.request(RETURN_CLOSE, { id: returnId });
  return returnOf(data.returnClose, "ReturnClose", "returnClose");
}

export interface ShopifyReturnLine {
  id: string;
  quantity: number;
  /** The order line and fulfillment line it returns; null for an unverified line (POS, no receipt). */
  orderLine: {
    id: string;
    fulfillmentLineItemId: string;
    title: string;
    variantTitle: string | null;
    sku: string | null;
    imageUrl: string | null;
    productId: string | null;
    variantId: string | null;
    /** Per unit after every discount, in the currency the customer paid in. */
    unitPrice: Money;
    /** Tax per unit (the line's tax over its quantity, rounded down), same currency. */
    unitTax: Money;
  } | null;
  reason: { definitionId: string; handle: string; name: string } | null;
  /** What the customer wrote, else the merchant's reason note; null when both are empty. */
  note: string | null;
}

export interface ShopifyReturn {
  id: string;
  name: string;
  /** Shopify's ReturnStatus: REQUESTED, OPEN, DECLINED, CLOSED or CANCELED. */
  status: string;
  createdAt: string;
  requestApprovedAt: string | null;
  closedAt: string | null;
  decline: { reason: string; note: string | null } | null;
  order: {
    id: string;
    name: string;
    email: string | null;
    currencyCode: string;
    customer: { id: string; displayName: string; email: string | null } | null;
  };
  lines: ShopifyReturnLine[];
  /** More than 50 lines: only the first 50 are here. */
  truncated: boolean;
  exchangeLines: { id: string; variantId: string | null; quantity: number }[];
}

/** Reads a return as it stands in Shopify now; null when this shop has no such return (deleted, or another shop's). */
export async function getShopifyReturn(client: ShopifyAdminClient, returnId: string): Promise<ShopifyReturn | null> {
  const data = await client.request(GET_SHOPIFY_RETURN, { id: returnId });
  const ret = data.return;
  if (!ret) return null;
  const currencyCode = ret.order.presentmentCurrencyCode;
  return {
    id: ret.id,
    name: ret.name,
    status: ret.status,
    createdAt: ret.createdAt,
    requestApprovedAt: ret.requestApprovedAt ?? null,
    closedAt: ret.closedAt ?? null,
    decline: ret.decline ? { reason: ret.decline.reason, note: ret.decline.note || null } : null,
    order: {
      id: ret.order.id,
      name: ret.order.name,
      email: ret.order.email ?? null,
      currencyCode,
      customer: ret.order.customer
        ? { id: ret.order.customer.id, displayName: ret.order.customer.displayName, email: ret.order.customer.defaultEmailAddress?.emailAddress ?? null }
        : null,
    },
    lines: ret.returnLineItems.nodes.map((node) => {
      const fli = "fulfillmentLineItem" in node ? node.fulfillmentLineItem : null;
      const line = fli?.lineItem;
      const unitPrice = line ? fromMoneyV2(line.discountedUnitPriceAfterAllDiscountsSet.presentmentMoney) : null;
      const lineTax = line ? line.taxLines.reduce((sum, t) => sum + fromMoneyV2(t.priceSet.presentmentMoney).amountMinor, 0) : 0;
      return {
        id: node.id,
        quantity: node.quantity,
        orderLine:
          fli && line && unitPrice
            ? {
                id: line.id,
                fulfillmentLineItemId: fli.id,
                title: line.title,
                variantTitle: line.variantTitle ?? null,
                sku: line.sku ?? null,
                imageUrl: line.image?.url ?? null,
                productId: line.product?.id ?? null,
                variantId: line.variant?.id ?? null,
                unitPrice,
                unitTax: { amountMinor: line.quantity > 0 ? Math.floor(lineTax / line.quantity) : 0, currencyCode: unitPrice.currencyCode },
              }
            : null,
        reason: node.returnReasonDefinition
          ? { definitionId: node.returnReasonDefinition.id, handle: node.returnReasonDefinition.handle, name: node.returnReasonDefinition.name }
          : null,
        note: node.customerNote?.trim() || node.returnReasonNote.trim() || null,
      };
    }),
    truncated: ret.returnLineItems.pageInfo.hasNextPage,
    exchangeLines: ret.exchangeLineItems.nodes.map((e) => ({ id: e.id, variantId: e.variantId ?? null, quantity: e.quantity })),
  };
}
