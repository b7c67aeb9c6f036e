import { exportLoader } from "~/exports/route.server";

/** GET /app/exports/tickets?from=YYYY-MM-DD&to=YYYY-MM-DD: the shop's tickets as a streamed CSV. */
export const loader = exportLoader("tickets");
