/**
 * Boots the Remix app in this process, for the integration tests and `npm run demo`.
 *
 * Two ways in, the same routes either way:
 *   - `buildApp()` + `loadBuiltApp()`: `remix vite:build` (what `npm run build` does), then the
 *     server build behind @remix-run/node's request handler. The demo uses this: small and fast
 *     at run time (no Vite, no esbuild service).
 *   - `loadDevApp()`: Vite in middleware mode, `virtual:remix/server-build` loaded on each request.
 *     The integration tests use this: they run the current sources and never write to build/,
 *     which a demo started at the same time may be rebuilding.
 * `serveHttp()` puts a `(Request) => Promise<Response>` on a node:http port, with static files.
 */
import { spawn } from "node:child_process";
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";

export type FetchHandler = (request: Request) => Promise<Response>;

export const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

/** `remix vite:build` in a child process (it peaks around 450 MB; the app process stays small). */
export function buildApp(root = ROOT): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(join(root, "node_modules", ".bin", "remix"), ["vite:build", "--logLevel", "warn"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`remix vite:build failed (exit ${code}):\n${output}`)),
    );
  });
}

function isServerBuild(value: unknown): value is ServerBuild {
  return typeof value === "object" && value !== null && "routes" in value && "entry" in value && "assets" in value;
}

/**
 * Imports build/server/index.js and answers requests with it. Call it after any global set-up (fetch).
 * Under vite-node or vitest the build must be externalized (`deps.external: [/\/build\/server\//]`,
 * as `npm run demo` does): run through their transform, @remix-run/react would be a second copy
 * beside the native react-router, and rendering fails with "useRouteError must be used within a data router".
 */
export async function loadBuiltApp(root = ROOT): Promise<FetchHandler> {
  const serverBuild = join(root, "build", "server", "index.js");
  if (!existsSync(serverBuild)) throw new Error(`No server build at ${serverBuild}: run buildApp() first.`);
  const build: unknown = await import(/* @vite-ignore */ pathToFileURL(serverBuild).href);
  if (!isServerBuild(build)) throw new Error(`${serverBuild} is not a Remix server build`);
  const { createRequestHandler } = await import("@remix-run/node");
  const handle = createRequestHandler(build, process.env.NODE_ENV === "production" ? "production" : "development");
  return (request) => handle(request);
}

/** The app through Vite in middleware mode (no HMR socket, no client dependency scan). */
export async function loadDevApp(root = ROOT): Promise<{ handler: FetchHandler; close: () => Promise<void> }> {
  const { createServer: createViteServer } = await import("vite");
  const vite = await createViteServer({
    root,
    configFile: join(root, "vite.config.ts"),
    appType: "custom",
    logLevel: "warn",
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { noDiscovery: true },
  });
  const { createRequestHandler } = await import("@remix-run/node");
  const handler: FetchHandler = async (request) => {
    const build: unknown = await vite.ssrLoadModule("virtual:remix/server-build");
    if (!isServerBuild(build)) throw new Error("virtual:remix/server-build is not a Remix server build");
    return createRequestHandler(build, "development")(request);
  };
  return { handler, close: () => vite.close() };
}

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
};

/** A file under `dir` for a GET/HEAD path, or null (directories and traversal refused). */
function staticFile(dir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const file = resolve(dir, `.${decoded}`);
  if (!file.startsWith(dir + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

export interface ServeOptions {
  handler: FetchHandler;
  port?: number;
  host?: string;
  /** Files served before the handler is asked (build/client); /assets/* are immutable. */
  staticDir?: string;
  /** The origin requests are given (the app's public URL), e.g. http://localhost:3000. */
  origin?: string;
}

export interface RunningServer {
  url: string;
  server: Server;
  close: () => Promise<void>;
}

/** node:http → fetch `Request` → handler → streamed node:http response. */
export function serveHttp(options: ServeOptions): Promise<RunningServer> {
  const staticDir = options.staticDir ? resolve(options.staticDir) : null;
  const server = createServer((req, res) => void respond(req, res));

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const method = req.method ?? "GET";
      const url = new URL(req.url ?? "/", options.origin ?? `http://${req.headers.host ?? "localhost"}`);
      if (staticDir && (method === "GET" || method === "HEAD")) {
        const file = staticFile(staticDir, url.pathname);
        if (file) {
          res.writeHead(200, {
            "Content-Type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
            "Cache-Control": url.pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "public, max-age=3600",
          });
          if (method === "HEAD") res.end();
          else createReadStream(file).pipe(res);
          return;
        }
      }
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const item of value) headers.append(key, item);
        else if (value !== undefined) headers.set(key, value);
      }
      let body: ArrayBuffer | undefined;
      if (method !== "GET" && method !== "HEAD") {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
        const joined = Buffer.concat(chunks);
        body = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength) as ArrayBuffer;
      }
      const controller = new AbortController();
      res.once("close", () => controller.abort());
      const response = await options.handler(new Request(url, { method, headers, body, signal: controller.signal }));
      const outHeaders: Record<string, string | string[]> = {};
      response.headers.forEach((value, key) => {
        if (key !== "set-cookie") outHeaders[key] = value;
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) outHeaders["set-cookie"] = cookies;
      res.writeHead(response.status, response.statusText, outHeaders);
      if (!response.body || method === "HEAD") {
        res.end();
        return;
      }
      const reader = response.body.getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        if (!res.write(next.value)) await new Promise((drained) => res.once("drain", drained));
      }
      res.end();
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`Server error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      const address = server.address() as AddressInfo;
      resolvePromise({
        url: `http://${options.host ?? "127.0.0.1"}:${address.port}`,
        server,
        close: () =>
          new Promise((closed) => {
            server.close(() => closed());
            server.closeAllConnections();
          }),
      });
    });
  });
}
