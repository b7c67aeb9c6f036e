/**
 * Every door of the app the suite attacks, as tables: the proxy routes (the storefront's),
 * the customer-accounts routes (the customer account extension's), the embedded admin's
 * loaders and actions, the webhook routes and the inbound email door. A route added to the app
 * belongs here too, so every attack reaches it.
 */
import { loader as appLayoutLoader } from "~/routes/app";
import { loader as dashboardLoader } from "~/routes/app._index";
import { action as returnAction, loader as returnLoader } from "~/routes/app.returns.$id";
import { action as queueAction, loader as queueLoader } from "~/routes/app.returns._index";
import { action as settingsAction, loader as settingsLoader } from "~/routes/app.settings";
import { action as automationAction } from "~/routes/app.automation";
import { action as syncAction } from "~/routes/app.sync";
import { loader as exportMoneyLoader } from "~/routes/app.exports.money";
import { loader as exportReturnsLoader } from "~/routes/app.exports.returns";
import { loader as exportTicketsLoader } from "~/routes/app.exports.tickets";
import { action as ticketAction, loader as ticketLoader } from "~/routes/app.tickets.$id";
import { action as inboxAction, loader as inboxLoader } from "~/routes/app.tickets._index";
import { action as macrosAction, loader as macrosLoader } from "~/routes/app.macros";
import { action as helpdeskAction, loader as helpdeskLoader } from "~/routes/app.helpdesk";
import { loader as customerLoader } from "~/routes/app.customers.$id";
import { action as lookupAction } from "~/routes/proxy.lookup";
import { loader as eligibilityLoader } from "~/routes/proxy.orders.$orderId.eligibility";
import { loader as orderTicketsLoader } from "~/routes/proxy.orders.$orderId.tickets";
import { loader as orderReturnsLoader } from "~/routes/proxy.orders.$orderId.returns";
import { loader as ordersLoader } from "~/routes/proxy.orders._index";
import { action as photosAction } from "~/routes/proxy.photos";
import { action as quoteAction } from "~/routes/proxy.quote";
import { loader as statusLoader } from "~/routes/proxy.returns.$returnId";
import { action as returnsAction } from "~/routes/proxy.returns._index";
import { action as replyAction } from "~/routes/proxy.tickets.$ticketId.messages";
import { action as ratingAction } from "~/routes/proxy.tickets.$ticketId.rating";
import { action as ticketsAction } from "~/routes/proxy.tickets";
import { loader as caEligibilityLoader } from "~/routes/customer-account.orders.$orderId.eligibility";
import { loader as caOrderTicketsLoader } from "~/routes/customer-account.orders.$orderId.tickets";
import { loader as caOrderReturnsLoader } from "~/routes/customer-account.orders.$orderId.returns";
import { loader as caOrdersLoader } from "~/routes/customer-account.orders._index";
import { action as caPhotosAction } from "~/routes/customer-account.photos";
import { action as caQuoteAction } from "~/routes/customer-account.quote";
import { loader as caStatusLoader } from "~/routes/customer-account.returns.$returnId";
import { action as caReturnsAction } from "~/routes/customer-account.returns._index";
import { action as caReplyAction } from "~/routes/customer-account.tickets.$ticketId.messages";
import { action as caRatingAction } from "~/routes/customer-account.tickets.$ticketId.rating";
import { action as caTicketsAction } from "~/routes/customer-account.tickets";
import { action as appScopesUpdate } from "~/routes/webhooks.app.scopes_update";
import { action as appUninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as customersDataRequest } from "~/routes/webhooks.customers.data_request";
import { action as customersRedact } from "~/routes/webhooks.customers.redact";
import { action as returnsApprove } from "~/routes/webhooks.returns.approve";
import { action as returnsCancel } from "~/routes/webhooks.returns.cancel";
import { action as returnsClose } from "~/routes/webhooks.returns.close";
import { action as returnsDecline } from "~/routes/webhooks.returns.decline";
import { action as returnsProcess } from "~/routes/webhooks.returns.process";
import { action as returnsReopen } from "~/routes/webhooks.returns.reopen";
import { action as returnsRequest } from "~/routes/webhooks.returns.request";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { loader as photoLoader } from "~/routes/photos.$photoId";
import { action as inboundEmailAction } from "~/routes/inbound.email";
import type { Route } from "./support";

// Remix route modules are typed by their own return types; the suite calls them all alike.
const r = (route: unknown): Route => route as Route;

export const proxy = {
  lookup: r(lookupAction),
  orders: r(ordersLoader),
  eligibility: r(eligibilityLoader),
  orderTickets: r(orderTicketsLoader),
  orderReturns: r(orderReturnsLoader),
  quote: r(quoteAction),
  returns: r(returnsAction),
  status: r(statusLoader),
  photos: r(photosAction),
  tickets: r(ticketsAction),
  reply: r(replyAction),
  rating: r(ratingAction),
};

/** The same API on the customer-accounts door (no lookup: the customer is signed in). */
export const customerAccount = {
  orders: r(caOrdersLoader),
  eligibility: r(caEligibilityLoader),
  orderTickets: r(caOrderTicketsLoader),
  orderReturns: r(caOrderReturnsLoader),
  quote: r(caQuoteAction),
  returns: r(caReturnsAction),
  status: r(caStatusLoader),
  photos: r(caPhotosAction),
  tickets: r(caTicketsAction),
  reply: r(caReplyAction),
  rating: r(caRatingAction),
};

export const admin = {
  layout: r(appLayoutLoader),
  dashboard: r(dashboardLoader),
  queue: r(queueLoader),
  queueAction: r(queueAction),
  returnPage: r(returnLoader),
  returnAction: r(returnAction),
  inbox: r(inboxLoader),
  inboxAction: r(inboxAction),
  macros: r(macrosLoader),
  macrosAction: r(macrosAction),
  helpdesk: r(helpdeskLoader),
  helpdeskAction: r(helpdeskAction),
  customer: r(customerLoader),
  ticketPage: r(ticketLoader),
  ticketAction: r(ticketAction),
  settings: r(settingsLoader),
  settingsAction: r(settingsAction),
  automationAction: r(automationAction),
  syncAction: r(syncAction),
  exportTickets: r(exportTicketsLoader),
  exportReturns: r(exportReturnsLoader),
  exportMoney: r(exportMoneyLoader),
};

export const photo = r(photoLoader);

/** POST /inbound/email: raw email signed with INBOUND_EMAIL_SECRET. */
export const inboundEmail = r(inboundEmailAction);

/** Every webhook route with a payload of its topic's shape. */
export const WEBHOOK_ROUTES: { topic: string; route: Route; payload: (shop: string) => unknown }[] = [
  { topic: "app/uninstalled", route: r(appUninstalled), payload: () => ({ id: 954889 }) },
  { topic: "app/scopes_update", route: r(appScopesUpdate), payload: () => ({ id: 1, previous: ["read_orders"], current: ["read_orders", "write_returns"] }) },
  { topic: "customers/data_request", route: r(customersDataRequest), payload: (shop) => ({ shop_id: 1, shop_domain: shop, customer: { id: 191167, email: "john@example.com" }, orders_requested: [299938], data_request: { id: 9999 } }) },
  { topic: "customers/redact", route: r(customersRedact), payload: (shop) => ({ shop_id: 1, shop_domain: shop, customer: { id: 191167, email: "john@example.com" }, orders_to_redact: [299938] }) },
  { topic: "shop/redact", route: r(shopRedact), payload: (shop) => ({ shop_id: 1, shop_domain: shop }) },
  ...(
    [
      ["request", returnsRequest],
      ["approve", returnsApprove],
      ["decline", returnsDecline],
      ["cancel", returnsCancel],
      ["close", returnsClose],
      ["reopen", returnsReopen],
      ["process", returnsProcess],
    ] as const
  ).map(([verb, route]) => ({
    topic: `returns/${verb}`,
    route: r(route),
    payload: () => ({ id: 945000959, admin_graphql_api_id: "gid://shopify/Return/945000959", status: "requested", order: { id: 450789469, admin_graphql_api_id: "gid://shopify/Order/450789469" } }),
  })),
];
