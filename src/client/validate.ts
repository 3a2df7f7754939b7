// The documented limits of the exec call (API.md), checked before anything is sent: a request
// that breaks them would only earn a 4xx, and the message here says exactly what is wrong.
import { InvalidRequestError } from "./errors.js";

/** Application and process ids, as the API reference writes the pattern. */
export const ID_PATTERN =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

export const MAX_ARGV = 100;
export const MIN_TIMEOUT_SECONDS = 1;
export const MAX_TIMEOUT_SECONDS = 60;
export const DEFAULT_TIMEOUT_SECONDS = 15;

function describe(value: unknown): string {
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return typeof value;
}

export function validateId(label: "application id" | "process id", id: unknown): string {
  if (typeof id !== "string" || !ID_PATTERN.test(id)) {
    throw new InvalidRequestError(`invalid ${label} ${describe(id)}: expected a UUID`);
  }
  return id;
}

export function validateCommand(command: unknown): readonly string[] {
  if (!Array.isArray(command) || command.length < 1 || command.length > MAX_ARGV) {
    const got = Array.isArray(command) ? `${command.length} elements` : typeof command;
    throw new InvalidRequestError(
      `command must be an array of 1 to ${MAX_ARGV} strings (got ${got})`,
    );
  }
  const bad = command.findIndex((arg) => typeof arg !== "string");
  if (bad !== -1) {
    throw new InvalidRequestError(`command[${bad}] must be a string (got ${typeof command[bad]})`);
  }
  if (command[0] === "") {
    throw new InvalidRequestError("command[0], the binary to run, must not be empty");
  }
  return command as readonly string[];
}

export function validateTimeout(timeout: unknown): number {
  if (timeout === undefined) return DEFAULT_TIMEOUT_SECONDS;
  if (
    typeof timeout !== "number" ||
    !Number.isInteger(timeout) ||
    timeout < MIN_TIMEOUT_SECONDS ||
    timeout > MAX_TIMEOUT_SECONDS
  ) {
    throw new InvalidRequestError(
      `timeout must be a whole number of seconds from ${MIN_TIMEOUT_SECONDS} to ${MAX_TIMEOUT_SECONDS} (got ${String(timeout)})`,
    );
  }
  return timeout;
}
