/**
 * One web process of `npm start`: Node's HTTP server answers `POST /webhooks/*` itself (the
 * webhook door, app/automation/door.server.ts) and hands every other request to Express,
 * which serves the built assets and then Remix. This process runs no webhook worker: the
 * worker processes beside it do (server/main.ts, docs/decisions/025-webhook-door.md).
 */
import { createServer } from "node:http";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { handleWebhookRequest } from "~/automation/door.server";
import { dialect } from "~/db.server";
import { env } from "~/env.server";

// The Remix build's entry starts an in-process worker unless told not to (app/automation/boot.server.ts).
process.env.AFTERCARE_WORKER = "0";

const config = env();
const buildPath = resolve(process.env.AFTERCARE_REMIX_BUILD ?? "build/server/index.js");
const build: ServerBuild = await import(pathToFileURL(buildPath).href);

const app = express();
app.disable("x-powered-by");
app.use(compression());
// Vite fingerprints everything under /assets: cache it for a year.
app.use("/assets", express.static(resolve("build/client/assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(resolve("build/client"), { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: config.NODE_ENV }));

// On SQLite the door writes a spool file of its own, so it never waits for a worker's write lock.
const doorOptions = { secret: config.SHOPIFY_API_SECRET, spool: dialect === "sqlite" };
const server = createServer((req, res) => {
  if (req.url?.startsWith("/webhooks/")) {
    void handleWebhookRequest(req, res, doorOptions);
    return;
  }
  app(req, res);
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST;
server.listen(port, host, () => {
  console.log(`[aftercare] web ${process.pid} listening on http://${host ?? "localhost"}:${port}`);
});

// A deploy or `npm start`'s own shutdown: finish the requests in flight, then leave.
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
});
