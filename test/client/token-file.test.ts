// readTokenFile (--token-file): one key, its trailing newline dropped, refused when others may
// read it; the messages name the file and never its content.
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scrubOptionError } from "../../src/cli/token-file.js";
import { ClientConfigError, readTokenFile } from "../../src/client/config.js";
import { tempDir } from "../cli/spawn-cli.js";

const KEY = "sev_rw_tokenfile_0123456789abcdef";
let dir: string;

async function file(name: string, content: string, mode = 0o600): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  await chmod(path, mode);
  return path;
}

async function failure(path: string): Promise<ClientConfigError> {
  try {
    await readTokenFile(path);
  } catch (error) {
    if (error instanceof ClientConfigError) return error;
    throw error;
  }
  throw new Error("expected a ClientConfigError");
}

beforeAll(async () => {
  dir = await tempDir("fanout-token-file-");
});

describe("readTokenFile", () => {
  it("reads the key and drops one trailing LF or CRLF", async () => {
    expect(await readTokenFile(await file("lf", `${KEY}\n`))).toBe(KEY);
    expect(await readTokenFile(await file("crlf", `${KEY}\r\n`))).toBe(KEY);
    expect(await readTokenFile(await file("bare", KEY))).toBe(KEY);
    expect(await readTokenFile(await file("group", KEY, 0o640))).toBe(KEY);
  });

  it("refuses a file other users may read or write, saying how to fix it", async () => {
    for (const mode of [0o644, 0o604, 0o602]) {
      const e = await failure(await file(`open-${mode}`, KEY, mode));
      expect(e.code).toBe("TOKEN_FILE_INSECURE");
      expect(e.message).toContain("chmod 600");
      expect(e.message).not.toContain(KEY);
    }
  });

  it("missing, a directory, empty, or more than one line: refused without echoing it", async () => {
    expect((await failure(join(dir, "nope"))).code).toBe("TOKEN_FILE_UNREADABLE");
    await mkdir(join(dir, "a-dir"), { mode: 0o700 });
    expect((await failure(join(dir, "a-dir"))).code).toBe("TOKEN_FILE_UNREADABLE");
    expect((await failure(await file("empty", "\n"))).code).toBe("MISSING_TOKEN");
    const two = await failure(await file("two", `${KEY}\n${KEY}\n`));
    expect(two.code).toBe("INVALID_TOKEN");
    expect(two.message).not.toContain(KEY);
  });
});

describe("scrubOptionError", () => {
  it("drops a value glued to an unknown option and says where the key goes", () => {
    const out = scrubOptionError(`error: unknown option '--token=${KEY}'\n`);
    expect(out).not.toContain(KEY);
    expect(out).toContain("unknown option '--token=…'");
    expect(out).toContain("SEVALLA_API_TOKEN or pass --token-file");
  });

  it("leaves other errors alone, apart from the value", () => {
    expect(scrubOptionError("error: unknown option '--colour'\n")).toBe(
      "error: unknown option '--colour'\n",
    );
    expect(scrubOptionError("error: unknown option '--colour=red'\n")).toBe(
      "error: unknown option '--colour=…'\n",
    );
  });
});
