import { describe, expect, test } from "vitest";
import {
  ClientConfigError,
  clientConfigFromEnv,
  isLoopbackHost,
  parseBaseUrl,
} from "../../src/client/config.js";

function configError(fn: () => unknown): ClientConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ClientConfigError) return error;
    throw error;
  }
  throw new Error("expected a ClientConfigError");
}

describe("clientConfigFromEnv", () => {
  test("defaults the URL to Sevalla's API", () => {
    expect(clientConfigFromEnv({ SEVALLA_API_TOKEN: "k1" })).toEqual({
      baseUrl: "https://api.sevalla.com/v3",
      token: "k1",
    });
    expect(clientConfigFromEnv({ SEVALLA_API_TOKEN: "k1", SEVALLA_API_URL: "  " }).baseUrl).toBe(
      "https://api.sevalla.com/v3",
    );
  });

  test("takes SEVALLA_API_URL and drops a trailing slash", () => {
    const env = { SEVALLA_API_TOKEN: "k", SEVALLA_API_URL: "http://127.0.0.1:4010/v3/" };
    expect(clientConfigFromEnv(env).baseUrl).toBe("http://127.0.0.1:4010/v3");
  });

  test("MISSING_TOKEN when the key is absent or blank", () => {
    expect(configError(() => clientConfigFromEnv({})).code).toBe("MISSING_TOKEN");
    expect(configError(() => clientConfigFromEnv({ SEVALLA_API_TOKEN: " " })).code).toBe(
      "MISSING_TOKEN",
    );
  });

  test("INVALID_TOKEN for a key that would break the header, without echoing it", () => {
    const err = configError(() => clientConfigFromEnv({ SEVALLA_API_TOKEN: "abc\r\nX-Evil: 1" }));
    expect(err.code).toBe("INVALID_TOKEN");
    expect(err.message).not.toContain("abc");
  });

  test("INSECURE_URL for http:// to anything but loopback", () => {
    for (const url of [
      "http://api.sevalla.com/v3",
      "http://10.0.0.1/v3",
      "http://127.0.0.1.nip.io/v3",
    ]) {
      const err = configError(() =>
        clientConfigFromEnv({ SEVALLA_API_TOKEN: "k", SEVALLA_API_URL: url }),
      );
      expect(err.code).toBe("INSECURE_URL");
    }
  });

  test("INVALID_URL for garbage, other schemes, credentials, queries", () => {
    for (const url of [
      "not a url",
      "ftp://127.0.0.1/v3",
      "https://user:pw@api.sevalla.com/v3",
      "https://api.sevalla.com/v3?x=1",
    ]) {
      const err = configError(() =>
        clientConfigFromEnv({ SEVALLA_API_TOKEN: "k", SEVALLA_API_URL: url }),
      );
      expect(err.code).toBe("INVALID_URL");
      expect(err.message).not.toContain("pw");
    }
  });
});

describe("loopback rules", () => {
  test.each(["127.0.0.1", "127.8.9.10", "localhost", "LOCALHOST", "[::1]", "::1"])(
    "%s is loopback",
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  test.each(["128.0.0.1", "127.0.0.1.example.com", "localhost.example.com", "[::2]", "0.0.0.0"])(
    "%s is not",
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );

  test.each([
    ["http://127.1:8080/v3", "http://127.0.0.1:8080/v3"],
    ["http://[::1]:8080/v3", "http://[::1]:8080/v3"],
    ["http://localhost:8080", "http://localhost:8080"],
    ["https://api.sevalla.com/v3", "https://api.sevalla.com/v3"],
  ])("parseBaseUrl(%s) → %s", (raw, normalised) => {
    expect(parseBaseUrl(raw)).toBe(normalised);
  });
});
