// SevallaClient: the exec call and the two listings over one keep-alive undici dispatcher.
import { performance } from "node:perf_hooks";
import { Agent, type Dispatcher, EnvHttpProxyAgent } from "undici";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import { checkToken, parseBaseUrl } from "./config.js";
import { KnownAnswers } from "./known-answers.js";
import { parseListPage } from "./list-page.js";
import { type Page, readAllPages } from "./pagination.js";
import { parseRateLimit } from "./rate-limit-headers.js";
import { apiError, parseExecBody } from "./response.js";
import { headerValue } from "./response-headers.js";
import { send } from "./transport.js";
import type { Application, ExecClient, ExecOptions, ExecResult, Process } from "./types.js";
import { validateCommand, validateId, validateTimeout } from "./validate.js";

export interface SevallaClientOptions {
  /** e.g. https://api.sevalla.com/v3; plain http:// only to loopback. See clientConfigFromEnv. */
  baseUrl: string;
  token: string;
  /** Keep-alive connections to the API; size it to the run's concurrency. Default 10. */
  connections?: number;
  /** Default fanout/<version>. */
  userAgent?: string;
  /** Use this dispatcher instead of creating one; the caller keeps ownership (close() leaves it). */
  dispatcher?: Dispatcher;
  /** Added to the exec timeout to make the client-side deadline. Default 5000 ms. */
  deadlineMarginMs?: number;
  /** Deadline of one listing request. Default 30000 ms. */
  listTimeoutMs?: number;
  /** Cap on a response body; past it the answer is BAD_RESPONSE. Default 64 MiB. */
  maxResponseBytes?: number;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read. Default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface ListOptions {
  signal?: AbortSignal;
}

const PAGE_SIZE = 100;
const PROXY_VARS = [
  "HTTPS_PROXY",
  "https_proxy",
  "HTTP_PROXY",
  "http_proxy",
  "NO_PROXY",
  "no_proxy",
];

function usesProxy(env: Readonly<Record<string, string | undefined>>): boolean {
  return PROXY_VARS.some((name) => (env[name] ?? "").trim() !== "");
}

export class SevallaClient implements ExecClient {
  readonly baseUrl: string;
  readonly #token: string;
  readonly #origin: string;
  readonly #prefix: string;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #headers: Record<string, string>;
  /** #headers plus the JSON content type, built once rather than spread per exec. */
  readonly #execHeaders: Record<string, string>;
  readonly #marginMs: number;
  readonly #listTimeoutMs: number;
  readonly #maxBytes: number;
  readonly #answers = new KnownAnswers();
  /** Request bodies of frozen argvs (the runner's: one per step), built once per argv and timeout. */
  readonly #bodies = new WeakMap<readonly string[], { timeout: number; body: Buffer }>();

  constructor(options: SevallaClientOptions) {
    this.baseUrl = parseBaseUrl(options.baseUrl);
    this.#token = checkToken(options.token);
    const url = new URL(this.baseUrl);
    this.#origin = url.origin;
    this.#prefix = url.pathname === "/" ? "" : url.pathname;
    this.#marginMs = options.deadlineMarginMs ?? 5000;
    this.#listTimeoutMs = options.listTimeoutMs ?? 30_000;
    this.#maxBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
    this.#headers = {
      authorization: `Bearer ${this.#token}`,
      accept: "application/json",
      "user-agent": options.userAgent ?? `${TOOL_NAME}/${TOOL_VERSION}`,
    };
    this.#execHeaders = { ...this.#headers, "content-type": "application/json" };
    if (options.dispatcher !== undefined) {
      this.#dispatcher = options.dispatcher;
      this.#ownsDispatcher = false;
    } else {
      const env = options.env ?? process.env;
      // An undici dispatcher never follows redirects unless a redirect interceptor is composed in;
      // none is, so a 3xx comes back to us as is and the key is never sent to another host.
      const connections = options.connections ?? 10;
      if (!Number.isInteger(connections) || connections < 1) {
        throw new RangeError(`connections must be a whole number >= 1 (got ${connections})`);
      }
      const agentOptions = { connections, pipelining: 1 };
      this.#dispatcher = usesProxy(env)
        ? new EnvHttpProxyAgent({
            ...agentOptions,
            // "" rather than undefined: undici would fall back to process.env, not `env`.
            httpProxy: env.HTTP_PROXY ?? env.http_proxy ?? "",
            httpsProxy: env.HTTPS_PROXY ?? env.https_proxy ?? "",
            noProxy: env.NO_PROXY ?? env.no_proxy ?? "",
          })
        : new Agent(agentOptions);
      this.#ownsDispatcher = true;
    }
  }

  /** Run argv in one process. Resolves for any exit code; rejects with a RequestFailure. */
  async exec(
    appId: string,
    processId: string,
    command: readonly string[],
    options: ExecOptions = {},
  ): Promise<ExecResult> {
    validateId("application id", appId);
    validateId("process id", processId);
    const argv = validateCommand(command);
    const timeout = validateTimeout(options.timeout);
    const path = `/applications/${appId}/processes/${processId}/exec`;
    const label = `POST ${path}`;
    const started = performance.now();
    const res = await send(this.#dispatcher, this.#origin, {
      method: "POST",
      path: this.#prefix + path,
      label,
      headers: this.#execHeaders,
      body: this.#execBody(argv, timeout),
      deadlineMs: timeout * 1000 + this.#marginMs,
      signal: options.signal,
      maxBytes: this.#maxBytes,
    });
    if (res.status < 200 || res.status >= 300) {
      throw apiError(res.status, res.headers, res.text, {
        label,
        command: argv,
        secret: this.#token,
      });
    }
    let body = this.#answers.find(res.bytes);
    if (body === undefined) {
      body = parseExecBody(res.text, res.headers, label, res.status);
      this.#answers.remember(res.bytes, body);
    }
    return {
      ...body,
      requestId: headerValue(res.headers, "x-request-id"),
      rateLimit: parseRateLimit(res.headers),
      durationMs: Math.round(performance.now() - started),
    };
  }

  #execBody(argv: readonly string[], timeout: number): string | Buffer {
    // Only a frozen argv can be trusted to be the same array with the same contents next time.
    if (!Object.isFrozen(argv)) return JSON.stringify({ command: argv, timeout });
    const known = this.#bodies.get(argv);
    if (known?.timeout === timeout) return known.body;
    const body = Buffer.from(JSON.stringify({ command: argv, timeout }));
    this.#bodies.set(argv, { timeout, body });
    return body;
  }

  /** Every application the key's company can see, across all pages. */
  async listApplications(options: ListOptions = {}): Promise<Application[]> {
    return this.#list<Application>("/applications", options);
  }

  /** Every process of one application, across all pages. */
  async listProcesses(appId: string, options: ListOptions = {}): Promise<Process[]> {
    validateId("application id", appId);
    return this.#list<Process>(`/applications/${appId}/processes`, options);
  }

  /** Closes the connections (only when the client created its dispatcher). */
  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  #list<T extends { id: string }>(path: string, options: ListOptions): Promise<T[]> {
    const label = `GET ${path}`;
    const fetchPage = async (offset: number, limit: number): Promise<Page<T>> => {
      const res = await send(this.#dispatcher, this.#origin, {
        method: "GET",
        path: `${this.#prefix}${path}?limit=${limit}&offset=${offset}`,
        label,
        headers: this.#headers,
        deadlineMs: this.#listTimeoutMs,
        signal: options.signal,
        maxBytes: this.#maxBytes,
      });
      if (res.status < 200 || res.status >= 300) {
        throw apiError(res.status, res.headers, res.text, { label, secret: this.#token });
      }
      return parseListPage<T>(res, label);
    };
    return readAllPages(fetchPage, PAGE_SIZE, label);
  }
}
