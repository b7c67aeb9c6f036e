/**
 * A return's lifecycle through the Admin API: the shop's return reasons, `returnRequest`
 * (REQUESTED), `returnApproveRequest` (OPEN), `returnDeclineRequest` (DECLINED),
 * `returnCancel` (CANCELED) and `returnClose` (CLOSED). None documents idempotency, so
 * the client does not resend them after a 5xx; callers reconcile with the return's state
 * in Shopify before trying again (app/returns/request.server.ts, actions.server.ts).
 */
import type { ShopifyAdminClient } from "./client.server";
import type { CurrencyCode } from "~/types/admin.types";
import { assertNoUserErrors, ShopifyMissingDataError } from "./errors";
import { toDecimalString, type Money } from "./money";

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

/** Approves a requested return (REQUESTED → OPEN). */
export async function approveReturnRequest(client: ShopifyAdminClient, returnId: string): Promise<RequestedReturn> {
  const data = await client.request(RETURN_APPROVE_REQUEST, { input: { id: returnId } });
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
