// Where the client talks to and with which key, from SEVALLA_API_URL / SEVALLA_API_TOKEN (or a
// key file named by --token-file). Never from a job file or a flag's value: those get committed,
// shared and shown in `ps`.
import { open } from "node:fs/promises";
import { isIPv4 } from "node:net";

export const DEFAULT_BASE_URL = "https://api.sevalla.com/v3";

export interface ClientConfig {
  /** Normalised base URL, no trailing slash, e.g. https://api.sevalla.com/v3 */
  baseUrl: string;
  token: string;
}

export type ClientConfigErrorCode =
  | "MISSING_TOKEN"
  | "INVALID_TOKEN"
  | "INSECURE_URL"
  | "INVALID_URL"
  | "TOKEN_FILE_UNREADABLE"
  | "TOKEN_FILE_INSECURE";

/** The environment cannot make a working client; the message says which variable to fix. */
export class ClientConfigError extends Error {
  readonly code: ClientConfigErrorCode;
  constructor(code: ClientConfigErrorCode, message: string) {
    super(message);
    this.name = "ClientConfigError";
    this.code = code;
  }
}

/** 127.0.0.0/8, ::1 and localhost: the only hosts plain http:// may reach (the simulator). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (host === "localhost" || host === "::1") return true;
  // The WHATWG URL parser has already turned forms like 127.1 or 0x7f.1 into dotted quads.
  return isIPv4(host) && host.startsWith("127.");
}

/** Check and normalise a base URL: https anywhere, http only on loopback, nothing extra. */
export function parseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ClientConfigError(
      "INVALID_URL", // The value is not echoed: a mistyped URL sometimes has a key pasted into it.
      "SEVALLA_API_URL is not a valid URL (expected e.g. https://api.sevalla.com/v3)",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ClientConfigError(
      "INVALID_URL",
      `SEVALLA_API_URL must start with https:// (got ${url.protocol}//)`,
    );
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    throw new ClientConfigError(
      "INVALID_URL",
      "SEVALLA_API_URL must not carry credentials, a query or a fragment; the key goes in SEVALLA_API_TOKEN",
    );
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new ClientConfigError(
      "INSECURE_URL",
      `SEVALLA_API_URL uses plain http:// to ${url.hostname}; the key would travel unencrypted. ` +
        "Use https://, or http:// only to a loopback address (127.0.0.1, ::1, localhost)",
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** Check a key without ever putting it in a message. */
export function checkToken(token: string | undefined): string {
  const trimmed = token?.trim() ?? "";
  if (trimmed === "") {
    throw new ClientConfigError(
      "MISSING_TOKEN",
      "SEVALLA_API_TOKEN is not set: create an API key in the Sevalla dashboard and export it",
    );
  }
  // Printable ASCII without spaces: anything else breaks (or smuggles) the Authorization header.
  if (!/^[\x21-\x7e]+$/.test(trimmed)) {
    throw new ClientConfigError(
      "INVALID_TOKEN",
      "SEVALLA_API_TOKEN contains spaces or non-printable characters; copy the key again",
    );
  }
  return trimmed;
}

/** Read SEVALLA_API_URL (default https://api.sevalla.com/v3) and SEVALLA_API_TOKEN. */
export function clientConfigFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): ClientConfig {
  const rawUrl = env.SEVALLA_API_URL?.trim();
  const baseUrl = parseBaseUrl(rawUrl === undefined || rawUrl === "" ? DEFAULT_BASE_URL : rawUrl);
  return { baseUrl, token: checkToken(env.SEVALLA_API_TOKEN) };
}

/** A key file is a few hundred bytes at most; anything bigger is the wrong file. */
const MAX_TOKEN_FILE_BYTES = 64 * 1024;

/**
 * Reads the key from a file (`--token-file`): the whole file, one trailing newline (LF or CRLF)
 * dropped, checked like SEVALLA_API_TOKEN. Refused when others (not the owner or the group) may
 * read or write it, as ssh refuses a private key that is too open: `chmod 600 FILE`. The
 * messages name the file, never its content.
 */
export async function readTokenFile(path: string): Promise<string> {
  let text: string;
  try {
    const handle = await open(path, "r");
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw unreadable(path, "is not a regular file");
      if (process.platform !== "win32" && (info.mode & 0o007) !== 0) {
        throw new ClientConfigError(
          "TOKEN_FILE_INSECURE",
          `--token-file ${path} can be read or written by other users (mode ${(info.mode & 0o777).toString(8)}); run \`chmod 600 ${path}\``,
        );
      }
      if (info.size > MAX_TOKEN_FILE_BYTES) throw unreadable(path, "is too big to be a key file");
      text = await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof ClientConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw unreadable(path, code === "ENOENT" ? "does not exist" : `cannot be read (${code})`);
  }
  const token = text.replace(/\r?\n$/, "");
  try {
    return checkToken(token);
  } catch (error) {
    if (!(error instanceof ClientConfigError)) throw error;
    throw new ClientConfigError(
      error.code,
      error.code === "MISSING_TOKEN"
        ? `--token-file ${path} is empty`
        : `--token-file ${path} holds more than one key (spaces, several lines or non-printable characters)`,
    );
  }
}

function unreadable(path: string, why: string): ClientConfigError {
  return new ClientConfigError("TOKEN_FILE_UNREADABLE", `--token-file ${path} ${why}`);
}
