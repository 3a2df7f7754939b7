// One HTTP exchange over undici with a hard deadline, the caller's AbortSignal, and a cap on the
// body read. Every transport failure leaves here as a RequestFailure; undici's own error objects
// do not (they can hold the request, Authorization header included).
import type { Dispatcher } from "undici";
import { RequestAbortedError, type RequestError } from "./errors.js";
import { decodeHeaders, type ResponseHeaders } from "./response-headers.js";
import { BodyTooLarge, toFailure } from "./transport-failure.js";

export interface TransportRequest {
  method: "GET" | "POST";
  /** Path including the base URL's prefix and any query, e.g. /v3/applications?limit=100 */
  path: string;
  /** "POST /applications/…/exec": how errors name the request (no prefix, no query). */
  label: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Covers connect, headers and the whole body: a trickling response cannot outlive it. */
  deadlineMs: number;
  signal?: AbortSignal | undefined;
  /** Cap on a 2xx body; past it the response is a BAD_RESPONSE. Error bodies are cut short. */
  maxBytes: number;
}

export class TransportResponse {
  constructor(
    readonly status: number,
    readonly headers: ResponseHeaders,
    /** The body as received (capped); `text` decodes it only when someone asks. */
    readonly bytes: Buffer,
  ) {}

  /** Decoded on each read: nothing here keeps a second copy of the body alive. */
  get text(): string {
    return this.bytes.toString("utf8");
  }
}

const EMPTY = Buffer.alloc(0);
const NO_HEADERS: ResponseHeaders = Object.freeze({});
const ignore = () => {};

/** Error bodies are read only for their message; the rest is dropped. */
const ERROR_BODY_BYTES = 64 * 1024;

/** What a stop hands to undici's abort(); never seen outside this file. */
const STOPPED = new Error("stopped");

export function send(
  dispatcher: Dispatcher,
  origin: string,
  req: TransportRequest,
): Promise<TransportResponse> {
  if (req.signal?.aborted) {
    return Promise.reject(
      new RequestAbortedError({
        code: "ABORTED",
        class: "notExecuted",
        message: `${req.label} was cancelled before it was sent`,
        request: req.label,
      }),
    );
  }
  return new Promise((resolve, reject) => {
    new Exchange(req, resolve, reject).start(dispatcher, origin);
  });
}

// One object per request is the whole cost of an exchange: it is undici's dispatch handler, its
// own deadline's timer argument and its own entry in the caller's signal registry. (undici's
// request() costs a Readable stream, an AsyncResource, an AbortController for the deadline and a
// listener on it per request; at 100,000 requests that garbage was most of the peak RSS.)
class Exchange implements Dispatcher.DispatchHandler {
  readonly #req: TransportRequest;
  #resolve: (response: TransportResponse) => void;
  #reject: (error: RequestError) => void;
  #settled = false;
  #stoppedBy: "caller" | "deadline" | null = null;
  /** The request reached a connected socket: from here on it may have been sent. */
  #dispatched = false;
  #abort: ((error: Error) => void) | null = null;
  #timer: NodeJS.Timeout | null = null;
  #status = 0;
  #headers: ResponseHeaders = NO_HEADERS;
  #first: Buffer | null = null;
  #more: Buffer[] | null = null;
  #size = 0;
  #cap = 0;

  constructor(
    req: TransportRequest,
    resolve: (response: TransportResponse) => void,
    reject: (error: RequestError) => void,
  ) {
    this.#req = req;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  start(dispatcher: Dispatcher, origin: string): void {
    const req = this.#req;
    this.#timer = setTimeout(onDeadline, req.deadlineMs, this);
    if (req.signal) watchSignal(req.signal, this);
    try {
      // undici queues a request it cannot place yet and returns false; that is not an error.
      dispatcher.dispatch(
        {
          origin,
          path: req.path,
          method: req.method,
          headers: req.headers,
          body: req.body ?? null,
          // Backstops for our own timer; undici's body timeout alone resets on every chunk.
          headersTimeout: req.deadlineMs,
          bodyTimeout: req.deadlineMs,
        },
        this,
      );
    } catch (error) {
      this.#fail(error);
    }
  }

  /** The caller's signal or the deadline. A queued request is given up at once (undici cannot
   * take it out of its queue; onConnect aborts it before a byte is written). */
  stop(why: "caller" | "deadline"): void {
    if (this.#settled) return;
    this.#stoppedBy = why;
    this.#fail(STOPPED);
    this.#abort?.(STOPPED);
  }

  onConnect(abort: (error: Error) => void): void {
    if (this.#settled) {
      abort(STOPPED);
      return;
    }
    this.#dispatched = true;
    this.#abort = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[] | string[] | null): boolean {
    if (statusCode < 200) return true; // 1xx: informational, the answer is still to come
    this.#status = statusCode;
    this.#cap = statusCode < 300 ? this.#req.maxBytes : ERROR_BODY_BYTES;
    this.#headers = decodeHeaders(rawHeaders);
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#settled) return false;
    this.#size += chunk.length;
    if (this.#size > this.#cap) {
      if (this.#status >= 300 || this.#status < 200) {
        // An error body is only read for its message: keep what fits and hang up.
        this.#keep(chunk.subarray(0, chunk.length - (this.#size - this.#cap)));
        this.#succeed();
      } else {
        this.#fail(new BodyTooLarge());
      }
      this.#abort?.(STOPPED);
      return false;
    }
    this.#keep(chunk);
    return true;
  }

  onComplete(): void {
    this.#succeed();
  }

  onError(error: Error): void {
    this.#fail(error);
  }

  #keep(chunk: Buffer): void {
    if (this.#first === null) {
      this.#first = chunk;
      return;
    }
    this.#more ??= [this.#first];
    this.#more.push(chunk);
  }

  #succeed(): void {
    if (this.#settled) return;
    const bytes = this.#more !== null ? Buffer.concat(this.#more) : (this.#first ?? EMPTY);
    const resolve = this.#resolve;
    const response = new TransportResponse(this.#status, this.#headers, bytes);
    this.#settle();
    resolve(response);
  }

  #fail(error: unknown): void {
    if (this.#settled) return;
    const reject = this.#reject;
    const failure = toFailure(error, this.#req, this.#stoppedBy, this.#dispatched);
    this.#settle();
    reject(failure);
  }

  /** Ends the exchange once, whatever else undici reports afterwards, and lets go of everything
   * it held. (The exchange itself may outlive the request, held by undici or by a Timeout that
   * was promoted to the old generation; whatever it still pointed to, the answer included,
   * would then wait there for the next full GC.) */
  #settle(): void {
    this.#settled = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#req.signal) unwatchSignal(this.#req.signal, this);
    this.#resolve = ignore;
    this.#reject = ignore;
    this.#headers = NO_HEADERS;
    this.#first = null;
    this.#more = null;
  }
}

function onDeadline(exchange: Exchange): void {
  exchange.stop("deadline");
}

// One abort listener per caller signal (a run's), not one per request: the exchanges in flight
// under a signal are a set, stopped together when it fires.
const watched = new WeakMap<AbortSignal, Set<Exchange>>();

function watchSignal(signal: AbortSignal, exchange: Exchange): void {
  let exchanges = watched.get(signal);
  if (exchanges === undefined) {
    const set = new Set<Exchange>();
    exchanges = set;
    watched.set(signal, set);
    signal.addEventListener(
      "abort",
      () => {
        for (const one of [...set]) one.stop("caller");
      },
      { once: true },
    );
  }
  exchanges.add(exchange);
}

function unwatchSignal(signal: AbortSignal, exchange: Exchange): void {
  watched.get(signal)?.delete(exchange);
}
