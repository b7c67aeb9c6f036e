import { exportLoader } from "~/exports/route.server";

/** GET /app/exports/returns?from=YYYY-MM-DD&to=YYYY-MM-DD: the shop's returns as a streamed CSV. */
export const loader = exportLoader("returns");
