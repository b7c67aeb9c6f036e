import { exportLoader } from "~/exports/route.server";

/** GET /app/exports/money?from=YYYY-MM-DD&to=YYYY-MM-DD: the shop's money as a streamed CSV. */
export const loader = exportLoader("money");
