import { describe, expect, it } from "vitest";
import {
  createRedactor,
  noRedaction,
  printsSecretValues,
  redactWholeLines,
} from "../../src/checks/redact.js";

const redact = createRedactor();

describe("redaction", () => {
  it("replaces values of KEY=value lines whose key looks secret, keeping the key", () => {
    const env = [
      "NODE_ENV=production",
      "API_TOKEN=sk_live_abc123",
      "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI",
      "DB_PASSWORD=hunter2",
      "MYSQL_PASSWD=x",
      "PRIVATE_KEY=-----BEGIN",
      "GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json",
      "STRIPE_API_KEY=rk_live_1",
      "GITHUB_AUTH=ghp_1",
      "SENTRY_DSN=https://abc@sentry.io/1",
      "export SESSION_SECRET=s3",
      "",
    ].join("\n");
    expect(redact(env)).toBe(
      [
        "NODE_ENV=production",
        "API_TOKEN=[redacted]",
        "AWS_SECRET_ACCESS_KEY=[redacted]",
        "DB_PASSWORD=[redacted]",
        "MYSQL_PASSWD=[redacted]",
        "PRIVATE_KEY=[redacted]",
        "GOOGLE_APPLICATION_CREDENTIALS=[redacted]",
        "STRIPE_API_KEY=[redacted]",
        "GITHUB_AUTH=[redacted]",
        "SENTRY_DSN=[redacted]",
        "export SESSION_SECRET=[redacted]",
        "",
      ].join("\n"),
    );
  });

  it("handles `key: value` (YAML, headers), any case, and JSON pairs", () => {
    expect(redact("password: hunter2\nAuthorization: Bearer abc.def\nuser: bob\n")).toBe(
      "password: [redacted]\nAuthorization: [redacted]\nuser: bob\n",
    );
    expect(redact('{"user":"bob","api_key":"k-123","token":"t\\"x"}')).toBe(
      '{"user":"bob","api_key":"[redacted]","token":"[redacted]"}',
    );
  });

  it("replaces passwords inside URLs, whatever the key", () => {
    expect(redact("DATABASE_URL=postgres://app:pa55w0rd@db.internal:5432/app\n")).toBe(
      "DATABASE_URL=postgres://app:[redacted]@db.internal:5432/app\n",
    );
    expect(redact("connecting to redis://default:s3cr3t@cache:6379/0 ...")).toBe(
      "connecting to redis://default:[redacted]@cache:6379/0 ...",
    );
    expect(redact("see https://example.com:8443/path and http://user@host/")).toBe(
      "see https://example.com:8443/path and http://user@host/",
    );
  });

  it("leaves ordinary output alone", () => {
    const text = "PORT=8080\nAUTHOR_NAME_LEN=3\nhello world\n";
    expect(createRedactor()("PORT=8080\nhello world\n")).toBe("PORT=8080\nhello world\n");
    expect(redact(text)).toContain("PORT=8080");
  });

  it("adds a job's own patterns (each match replaced whole)", () => {
    const r = createRedactor([/sk_live_[0-9a-z]+/u, /\b\d{16}\b/u]);
    expect(r("key sk_live_abc9 and card 4242424242424242 twice: sk_live_zz\n")).toBe(
      "key [redacted] and card [redacted] twice: [redacted]\n",
    );
  });

  it("printenv of a secret-looking variable prints a bare value: every line of it is redacted", () => {
    expect(printsSecretValues(["printenv", "API_TOKEN"])).toBe(true);
    expect(printsSecretValues(["/usr/bin/printenv", "NODE_ENV", "db_password"])).toBe(true);
    expect(printsSecretValues(["printenv", "NODE_ENV"])).toBe(false);
    expect(printsSecretValues(["cat", "TOKEN"])).toBe(false);
    expect(redactWholeLines("sk_live_1\n\nx\r\n")).toBe("[redacted]\n\n[redacted]\r\n");
  });

  it("stays linear on hostile output (long lines of key characters, blank runs, many keys)", () => {
    // Each would take minutes with an unbounded [\w.-]*TOKEN[\w.-]* or a \s* across lines.
    for (const text of [
      "token".repeat(200_000),
      "\n".repeat(500_000),
      " ".repeat(500_000),
      '{"token_x": 1, '.repeat(50_000),
      `postgres://user:${"p".repeat(500_000)}`,
    ]) {
      expect(redact(text)).toHaveLength(text.length);
    }
  });

  it("--no-redact is the identity", () => {
    expect(noRedaction("API_TOKEN=x")).toBe("API_TOKEN=x");
  });
});
