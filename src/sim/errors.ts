// Errors the simulator answers with, in the API's documented body shape:
// {"message": "...", "status": 401, "data": {"code": "err-...", "message": "..."}}

const SUPPORT = "If you need assistance, please contact support.";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly detail: string = SUPPORT,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { message: string; status: number; data: { code: string; message: string } } {
    return {
      message: this.message,
      status: this.status,
      data: { code: this.code, message: this.detail },
    };
  }
}

export const badRequest = (detail: string) =>
  new HttpError(400, "Bad Request", "err-bad-request", detail);
export const unauthorized = () => new HttpError(401, "Unauthorized", "err-unauthorized");
export const forbidden = (detail: string) =>
  new HttpError(403, "Forbidden", "err-forbidden", detail);
export const notFound = (what: string) =>
  new HttpError(404, "Not Found", "err-not-found", `${what} not found`);
export const unprocessable = (detail: string) =>
  new HttpError(422, "Validation failed", "err-validation", detail);

const STATUS_TEXT: Record<number, string> = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** An injected or rate-limit status (429, 5xx) with the usual body. */
export function statusError(status: number, headers: Record<string, string> = {}): HttpError {
  const text = STATUS_TEXT[status] ?? "Error";
  return new HttpError(status, text, `err-sim-${status}`, SUPPORT, headers);
}
