import { describe, expect, it } from "vitest";
import { approveReturnRequest, declineReturnRequest } from "~/shopify/returns.server";
import { clientFor } from "./fake-graphql";

const answer = (field: string, status: string) => ({
  body: { data: { [field]: { return: { id: "gid://shopify/Return/5", name: "#1001-R1", status }, userErrors: [] } } },
});

describe("the return lifecycle mutations", () => {
  it("asks Shopify to email the customer when a return is approved, as the portal promises", async () => {
    const { client, sent } = clientFor([answer("returnApproveRequest", "OPEN")]);
    await approveReturnRequest(client, "gid://shopify/Return/5");
    expect(sent[0]?.variables?.input).toEqual({ id: "gid://shopify/Return/5", notifyCustomer: true });
  });

  it("asks Shopify to email the customer the reason when a return is declined", async () => {
    const { client, sent } = clientFor([answer("returnDeclineRequest", "DECLINED")]);
    await declineReturnRequest(client, "gid://shopify/Return/5", "Outside the window");
    expect(sent[0]?.variables?.input).toMatchObject({ id: "gid://shopify/Return/5", notifyCustomer: true, declineNote: "Outside the window" });
  });
});
