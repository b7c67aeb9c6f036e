/** Public API of the Shopify store simulator; see README.md. */
export { createSimulator, type Simulator, type SimulatorOptions } from "./server";
export { DEMO_SHOP, EU_SHOP, FIXTURES, type SeedOptions } from "./seed";
export { API_VERSION, adminSchema } from "./schema";
export { STANDARD_PLAN } from "./cost";
export { signWebhook, SHOPIFY_RETRY_DELAYS_MS, type DeliveryRecord } from "./webhooks";
export { signProxyQuery } from "./proxy";
export { simulatedUser, type SimulatedUser } from "./oauth";
export { formatDecimal, parseDecimal } from "./money";
export type { Store, StoreEvent } from "./store";
