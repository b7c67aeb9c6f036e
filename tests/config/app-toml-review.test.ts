import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";

const toml = parse(readFileSync(join(process.cwd(), "shopify.app.toml"), "utf8"));

describe("shopify.app.toml for app review", () => {
  it("has no include_config_on_deploy, which Shopify CLI retired (configuration always deploys)", () => {
    // GIVEN the [build] section WHEN read THEN the retired key is absent
    const build = toml.build;
    expect(typeof build === "object" && build !== null && "include_config_on_deploy" in build).toBe(false);
  });
});
