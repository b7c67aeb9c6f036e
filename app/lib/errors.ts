/**
 * Typed domain errors. Messages name the entity and its id so a log line or a toast
 * explains itself: "Return rc_123 is closed and cannot be approved."
 */
export type DomainErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "invalid"
  | "rate_limited"
  | "payload_too_large"
  | "unsupported_media_type"
  | "upstream";

const HTTP_STATUS: Record<DomainErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  upstream: 502,
};

export class DomainError extends Error {
  constructor(
    public readonly code: DomainErrorCode,
    message: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** The HTTP status a domain error code answers with. */
export function httpStatusFor(code: DomainErrorCode): number {
  return HTTP_STATUS[code];
}

/** The JSON error body every door answers with: `{ error: { code, message } }`. */
export function errorBody(error: DomainError): { error: { code: DomainErrorCode; message: string } } {
  return { error: { code: error.code, message: error.message } };
}
