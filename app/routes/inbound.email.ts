import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveInboundEmail } from "~/email/inbound.server";
import { DomainError, errorBody, httpStatusFor } from "~/lib/errors";

/**
 * POST /inbound/email — a raw RFC 822 message from the mail provider's relay, signed with
 * INBOUND_EMAIL_SECRET (docs/email-providers.md). 201 stored, 200 a duplicate already stored;
 * every refusal is `{error: {code, message}}` and stores nothing.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  try {
    const outcome = await receiveInboundEmail(request);
    return Response.json(outcome, { status: outcome.status === "stored" ? 201 : 200 });
  } catch (error) {
    if (error instanceof DomainError) return Response.json(errorBody(error), { status: httpStatusFor(error.code) });
    throw error;
  }
}

export const loader = () => methodNotAllowed();

function methodNotAllowed(): Response {
  return Response.json({ error: { code: "method_not_allowed", message: "Send the email with POST." } }, { status: 405, headers: { Allow: "POST" } });
}
