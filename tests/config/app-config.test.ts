import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isEnumType } from "graphql";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isWebhookTopic } from "~/automation/payloads";
import { API_VERSION } from "~/shopify/api-version";
import { loadAdminSchema } from "./graphql-documents";

const ROOT = process.cwd();
const ROUTES_DIR = join(ROOT, "app", "routes");

const AppToml = z.object({
  access_scopes: z.object({ scopes: z.string() }),
  app_proxy: z.object({ url: z.string(), prefix: z.string(), subpath: z.string() }),
  webhooks: z.object({
    api_version: z.string(),
    subscriptions: z.array(
      z.object({
        uri: z.string(),
        topics: z.array(z.string()).optional(),
        compliance_topics: z.array(z.string()).optional(),
      }),
    ),
  }),
});

const config = AppToml.parse(parse(readFileSync(join(ROOT, "shopify.app.toml"), "utf8")));
const subscriptions = config.webhooks.subscriptions;

/** "/webhooks/app/uninstalled" → "webhooks.app.uninstalled.tsx" (Remix flat routes). */
function routeFileFor(uri: string): string {
  return `${uri.replace(/^\//, "").replaceAll("/", ".")}.tsx`;
}

const webhookRouteFiles = readdirSync(ROUTES_DIR).filter((file) => file.startsWith("webhooks."));

/** The scopes named in a topic's access note ("Requires the `x` scope." / "Requires at least one of the following scopes: a, b."). */
function requiredScopes(description: string): string[] {
  const sentences = description.replace(/\s+/g, " ").match(/Requires [^.]*\./g) ?? [];
  return sentences.flatMap((sentence) => sentence.match(/\b(?:read|write)_[a-z_]+/g) ?? []);
}

describe("shopify.app.toml", () => {
  it("has a route file for every webhook uri", () => {
    // GIVEN the subscriptions' uris
    const missing = subscriptions.map((subscription) => routeFileFor(subscription.uri)).filter((file) => !webhookRouteFiles.includes(file));
    // THEN
    expect(subscriptions.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it("subscribes every app/routes/webhooks.* route", () => {
    // GIVEN the webhook routes on disk
    const subscribed = subscriptions.map((subscription) => routeFileFor(subscription.uri));
    // THEN
    expect(webhookRouteFiles.length).toBeGreaterThan(0);
    expect(webhookRouteFiles.filter((file) => !subscribed.includes(file))).toEqual([]);
  });

  it("sends each topic to the route named after it, and has a payload schema for it", () => {
    // GIVEN each subscription with exactly one topic
    for (const subscription of subscriptions) {
      const topics = [...(subscription.topics ?? []), ...(subscription.compliance_topics ?? [])];
      // THEN
      expect(topics, subscription.uri).toHaveLength(1);
      expect(subscription.uri).toBe(`/webhooks/${topics[0]}`);
      // the topic as authenticate.webhook reports it: "app/scopes_update" → "APP_SCOPES_UPDATE"
      expect(isWebhookTopic((topics[0] ?? "").toUpperCase().replace(/[/.]/g, "_")), subscription.uri).toBe(true);
    }
  });

  it("subscribes only to topics Shopify has, each with a scope the app is granted", () => {
    // GIVEN Shopify's topic list (WebhookSubscriptionTopic) and its access notes, e.g. returns/approve:
    // "Requires at least one of the following scopes: read_returns, read_marketplace_returns, …"
    const { schema } = loadAdminSchema();
    const topicEnum = schema.getType("WebhookSubscriptionTopic");
    if (!isEnumType(topicEnum)) throw new Error("WebhookSubscriptionTopic is not an enum in the Admin schema");
    const granted = config.access_scopes.scopes.split(",").map((scope) => scope.trim());
    // WHEN each (non-compliance) topic is looked up
    const problems = subscriptions.flatMap((subscription) =>
      (subscription.topics ?? []).flatMap((topic) => {
        const value = topicEnum.getValue(topic.toUpperCase().replace(/[/.]/g, "_"));
        if (!value) return [`${topic}: not a Shopify webhook topic`];
        const needs = requiredScopes(value.description ?? "");
        return needs.length === 0 || needs.some((scope) => granted.includes(scope)) ? [] : [`${topic}: needs one of ${needs.join(", ")}`];
      }),
    );
    // THEN every topic exists and its scope is granted
    expect(problems).toEqual([]);
    expect(requiredScopes(topicEnum.getValue("RETURNS_APPROVE")?.description ?? "")).toContain("read_returns");
    expect(requiredScopes("Occurs whenever an audit event is created. Requires the `read_audit_events` scope.")).toEqual(["read_audit_events"]);
  });

  it("uses the webhook API version the app speaks", () => {
    expect(config.webhooks.api_version).toBe(API_VERSION);
  });

  it("subscribes to the three mandatory compliance topics", () => {
    const compliance = subscriptions.flatMap((subscription) => subscription.compliance_topics ?? []);
    expect(compliance.sort()).toEqual(["customers/data_request", "customers/redact", "shop/redact"]);
  });

  it("serves the storefront through the app proxy at /apps/aftercare, forwarded to /proxy", () => {
    expect(config.app_proxy.prefix).toBe("apps");
    expect(config.app_proxy.subpath).toBe("aftercare");
    expect(config.app_proxy.url).toMatch(/^https:\/\/[^/]+\/proxy$/);
  });
});
