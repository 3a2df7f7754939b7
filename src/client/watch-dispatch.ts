// Knowing whether a request may have been sent: a failure before undici put it on a connected
// socket provably sent nothing (notExecuted); after that it is ambiguous. See transport.ts.
import type { Dispatcher } from "undici";

/**
 * The dispatcher, seen through a dispatch that notes when undici puts the request on a connected
 * socket (the handler's onConnect, or onRequestStart for new-style handlers, runs just before the
 * first byte is written). Until then a failure or an abort provably sent nothing.
 */
export function watchDispatch(dispatcher: Dispatcher, onDispatched: () => void): Dispatcher {
  const dispatch = (options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) =>
    dispatcher.dispatch(
      options,
      isPlain(handler)
        ? new WatchedHandler(handler, onDispatched)
        : watchAnyHandler(handler, onDispatched),
    );
  // request() only calls this.dispatch; everything else is the real dispatcher's.
  return Object.create(dispatcher, { dispatch: { value: dispatch } }) as Dispatcher;
}

/** The handler undici's request() makes: these five methods, none of the optional ones. */
type PlainHandler = Required<
  Pick<Dispatcher.DispatchHandler, "onConnect" | "onError" | "onHeaders" | "onData" | "onComplete">
> &
  Dispatcher.DispatchHandler;

const OPTIONAL = [
  "onRequestStart",
  "onUpgrade",
  "onBodySent",
  "onRequestSent",
  "onResponseStarted",
];

function isPlain(handler: Dispatcher.DispatchHandler): handler is PlainHandler {
  return OPTIONAL.every((name) => (handler as Record<string, unknown>)[name] === undefined);
}

// A plain forwarder costs nothing per call, where a Proxy bound a new function on every read of
// onData, onHeaders, ... (a few µs and a handful of garbage functions per request).
class WatchedHandler {
  readonly #inner: PlainHandler;
  readonly #onDispatched: () => void;

  constructor(inner: PlainHandler, onDispatched: () => void) {
    this.#inner = inner;
    this.#onDispatched = onDispatched;
  }

  onConnect(abort: (err?: Error) => void, context?: object): void {
    this.#onDispatched();
    // undici passes a context its typings omit; forwarded as given.
    (this.#inner.onConnect as (abort: (err?: Error) => void, context?: object) => void).call(
      this.#inner,
      abort,
      context,
    );
  }
  onError(error: Error): void {
    this.#inner.onError(error);
  }
  onHeaders(
    statusCode: number,
    headers: Buffer[],
    resume: () => void,
    statusText: string,
  ): boolean {
    return this.#inner.onHeaders(statusCode, headers, resume, statusText);
  }
  onData(chunk: Buffer): boolean {
    return this.#inner.onData(chunk);
  }
  onComplete(trailers: string[] | null): void {
    this.#inner.onComplete(trailers);
  }
}

/** Any other handler (new-style, or with optional methods): every property read forwarded. */
function watchAnyHandler(
  handler: Dispatcher.DispatchHandler,
  onDispatched: () => void,
): Dispatcher.DispatchHandler {
  return new Proxy(handler, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property !== "onConnect" && property !== "onRequestStart") return value.bind(target);
      return (...args: unknown[]) => {
        onDispatched();
        return value.apply(target, args);
      };
    },
  });
}
