/**
 * The URL as an admin list's state (the returns queue, the tickets inbox): filters, sort and
 * page live in the search params, so a list can be linked, reloaded and paged back. Safe for
 * the client.
 */
import { useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";

/** How long the search box waits for the agent to pause before it searches. */
const SEARCH_PAUSE_MS = 300;

export function useListParams() {
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(params.get("q") ?? "");

  /** Sets (or, with null or "", removes) params; any change but a page turn goes back to the first page. */
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === "") next.delete(key);
      else next.set(key, value);
    }
    if (!("cursor" in changes)) next.delete("cursor");
    setParams(next, { preventScrollReset: true });
  };

  // Search as the agent types, once they pause.
  useEffect(() => {
    if (query === (params.get("q") ?? "")) return;
    const timer = setTimeout(() => update({ q: query }), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed query restarts the timer
  }, [query]);

  return { params, update, query, setQuery };
}
