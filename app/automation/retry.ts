/** How the inbox retries a webhook it could not process. Pure; shared by inbox and worker. */
export const RETRY = {
  /** Attempts before an event becomes a dead letter (a system ticket is opened then). */
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  /** How long a claimed event stays claimed; after that a crashed worker's claim lapses. */
  leaseMs: 5 * 60_000,
} as const;

export type RetryPolicy = { maxAttempts: number; baseDelayMs: number; maxDelayMs: number; leaseMs: number };

/** The delay before the next try after `attempts` failed tries: 30 s · 2^(attempts−1), capped. */
export function retryDelayMs(attempts: number, policy: RetryPolicy = RETRY): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}

