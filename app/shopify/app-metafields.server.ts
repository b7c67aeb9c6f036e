import type { ShopifyAdminClient } from "./client.server";
import { assertNoUserErrors } from "./errors";

/*
 * App-data metafields: metafields on our own AppInstallation, which the theme app extension
 * reads in Liquid as `app.metafields.<namespace>.<key>` without any request to us. They carry
 * the few merchant settings the storefront block must know before it renders.
 */

/** The namespace the block reads (`app.metafields.aftercare.*`). */
const APP_METAFIELD_NAMESPACE = "aftercare";

const CURRENT_APP_INSTALLATION = `#graphql
  query CurrentAppInstallation {
    currentAppInstallation { id }
  }
`;

const SET_APP_METAFIELD = `#graphql
  mutation SetAppMetafield($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { namespace key value }
      userErrors { field message code }
    }
  }
`;

/** Writes one boolean app-data metafield (`app.metafields.aftercare.<key>` in Liquid). */
export async function setAppBooleanMetafield(client: ShopifyAdminClient, key: string, value: boolean): Promise<void> {
  const { currentAppInstallation } = await client.request(CURRENT_APP_INSTALLATION);
  const data = await client.request(SET_APP_METAFIELD, {
    metafields: [{ ownerId: currentAppInstallation.id, namespace: APP_METAFIELD_NAMESPACE, key, type: "boolean", value: String(value) }],
  });
  assertNoUserErrors(data.metafieldsSet, "SetAppMetafield");
}
