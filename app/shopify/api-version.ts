import { ApiVersion } from "@shopify/shopify-api";

/**
 * The one Admin API version Aftercare speaks. shopify.app.toml, the codegen config and
 * the simulator all read or are checked against this constant (tests/config).
 */
export const API_VERSION = ApiVersion.October26;
