/**
 * Store credit. `storeCreditAccountCredit(id:)` takes an account id, or an owner id (customer),
 * in which case Shopify uses the owner's account in that currency and creates one if there is none.
 */
import { z } from "zod";
import { parseDecimal } from "../money";
import type { StoreCreditAccountRecord, StoreCreditTransactionRecord } from "../store";
import { lookup, type Args, type ResolverContext } from "./context";
import { parseArgs, userError } from "./mutation-helpers";

const creditArgs = z.object({
  id: z.string(),
  creditInput: z.object({
    creditAmount: z.object({ amount: z.string(), currencyCode: z.string() }),
    expiresAt: z.string().nullish(),
    notify: z.boolean().nullish(),
  }),
});

export function accountFor(ctx: ResolverContext, customerId: string, create: boolean): StoreCreditAccountRecord | null {
  const currency = ctx.state.shop.currencyCode;
  for (const node of ctx.state.nodes.values()) {
    if (node.__typename === "StoreCreditAccount" && node.customerId === customerId && node.currencyCode === currency) return node;
  }
  if (!create) return null;
  const account = ctx.store.put(ctx.state, {
    __typename: "StoreCreditAccount",
    id: ctx.store.gid("StoreCreditAccount"),
    customerId,
    currencyCode: currency,
    balanceMinor: 0,
    transactionIds: [],
  });
  ctx.store.record(ctx.state.shop.domain, "storeCreditAccount.created", account.id, { customerId });
  return account;
}

/** Adds credit to the customer's account (created on first use) and records the transaction. */
export function creditAccount(
  ctx: ResolverContext,
  customerId: string,
  amountMinor: number,
  expiresAt: string | null,
  event: StoreCreditTransactionRecord["event"],
  originTransactionId: string | null,
  account: StoreCreditAccountRecord | null = accountFor(ctx, customerId, true),
): StoreCreditTransactionRecord {
  if (!account) throw new Error("Store credit account could not be created");
  account.balanceMinor += amountMinor;
  const tx = ctx.store.put(ctx.state, {
    __typename: "StoreCreditAccountCreditTransaction",
    id: ctx.store.gid("StoreCreditAccountCreditTransaction"),
    accountId: account.id,
    amountMinor,
    balanceAfterMinor: account.balanceMinor,
    createdAt: ctx.store.now(),
    expiresAt,
    event,
    originTransactionId,
  });
  account.transactionIds.push(tx.id);
  ctx.store.record(ctx.state.shop.domain, "storeCredit.credited", account.id, { amountMinor, event, transactionId: tx.id });
  return tx;
}

export function storeCreditAccountCredit(args: Args, ctx: ResolverContext) {
  const { id, creditInput } = parseArgs(creditArgs, args);
  const fail = (field: string[], message: string, code: string) => ({
    storeCreditAccountTransaction: null,
    userErrors: [userError(field, message, code)],
  });
  const amount = parseDecimal(creditInput.creditAmount.amount);
  if (amount === null || amount <= 0) {
    return fail(["creditInput", "creditAmount", "amount"], "A positive amount must be used to credit a store credit account.", "NEGATIVE_OR_ZERO_AMOUNT");
  }
  if (creditInput.creditAmount.currencyCode !== ctx.state.shop.currencyCode) {
    return fail(["creditInput", "creditAmount", "currencyCode"], "The currency provided is not supported.", "UNSUPPORTED_CURRENCY");
  }
  if (creditInput.expiresAt && Date.parse(creditInput.expiresAt) <= ctx.nowMs()) {
    return fail(["creditInput", "expiresAt"], "The expiry date must be in the future.", "EXPIRES_AT_IN_PAST");
  }
  let account: StoreCreditAccountRecord | null = null;
  let customerId: string;
  if (id.includes("/StoreCreditAccount/")) {
    account = lookup(ctx, id, "StoreCreditAccount");
    if (!account) return fail(["id"], "Store credit account does not exist.", "ACCOUNT_NOT_FOUND");
    if (account.currencyCode !== creditInput.creditAmount.currencyCode) {
      return fail(["creditInput", "creditAmount", "currencyCode"], "The currency provided does not match the currency of the store credit account.", "MISMATCHING_CURRENCY");
    }
    customerId = account.customerId;
  } else {
    const owner = lookup(ctx, id, "Customer");
    if (!owner) return fail(["id"], "Owner does not exist.", "OWNER_NOT_FOUND");
    customerId = owner.id;
    account = accountFor(ctx, customerId, true);
  }
  const tx = creditAccount(ctx, customerId, amount, creditInput.expiresAt ?? null, "ADJUSTMENT", null, account);
  return { storeCreditAccountTransaction: tx, userErrors: [] };
}
