/**
 * Where the app lives. An extension is not told its app's URL, so it is compiled in:
 * shopify.app.toml's `application_url` (a test keeps the two equal), unless the build defines
 * `AFTERCARE_APP_URL` (scripts/build-extension.mjs does, for the demo's local app).
 */
declare const AFTERCARE_APP_URL: string | undefined;

export const DEFAULT_APP_URL = "https://localhost:3000";

export const APP_URL: string = typeof AFTERCARE_APP_URL === "string" ? AFTERCARE_APP_URL : DEFAULT_APP_URL;
