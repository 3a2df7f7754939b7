import { type Binary, fail, ok } from "./types.js";

export const echo: Binary = (args) => {
  // Like coreutils echo: only a leading -n is an option; everything else is printed.
  const noNewline = args[0] === "-n";
  const words = noNewline ? args.slice(1) : args;
  return ok(words.join(" ") + (noNewline ? "" : "\n"));
};

export const hostname: Binary = (_args, { proc }) => ok(`${proc.hostname}\n`);
export const trueBin: Binary = () => ok("");
export const falseBin: Binary = () => fail("", 1);
export const whoami: Binary = () => ok("app\n");
export const id: Binary = () => ok("uid=1000(app) gid=1000(app) groups=1000(app)\n");

export const uname: Binary = (args, { proc }) =>
  ok(
    args.includes("-a")
      ? `Linux ${proc.hostname} 6.1.0-sevalla #1 SMP x86_64 GNU/Linux\n`
      : "Linux\n",
  );

// The container runs in UTC: coreutils' default format, -I/--iso-8601 and +%s.
export const date: Binary = (args, { now }) => {
  const d = new Date(now());
  if (args.includes("+%s")) return ok(`${Math.floor(d.getTime() / 1000)}\n`);
  if (args.some((a) => a.startsWith("-I") || a.startsWith("--iso-8601"))) {
    return ok(`${d.toISOString().slice(0, 19)}+00:00\n`);
  }
  const [wd, day, mon, year, time] = d.toUTCString().replace(",", "").split(" ");
  const dd = String(Number(day)).padStart(2, " ");
  return ok(`${wd} ${mon} ${dd} ${time} UTC ${year}\n`);
};

export const ps: Binary = (_args, { proc }) =>
  ok(
    proc.spec.ps ??
      [
        "PID USER     TIME  COMMAND",
        `  1 app       0:12 ${proc.spec.entrypoint}`,
        " 42 app       0:00 ps",
        "",
      ].join("\n"),
  );

export const df: Binary = (_args, { proc }) =>
  ok(
    proc.spec.df ??
      [
        "Filesystem      Size  Used Avail Use% Mounted on",
        "overlay          98G   41G   57G  42% /",
        "tmpfs            64M     0   64M   0% /dev",
        "/dev/sda1        98G   41G   57G  42% /app/storage",
        "",
      ].join("\n"),
  );

/** sleep N[s|m]: waits, but gives up when the signal aborts (timeout, client gone, shutdown). */
export const sleep: Binary = (args, { signal }) => {
  const m = /^(\d+(?:\.\d+)?)([smh]?)$/.exec(args[0] ?? "");
  if (!m || args.length !== 1) return fail(`sleep: invalid time interval '${args[0] ?? ""}'\n`);
  const unit = { "": 1, s: 1, m: 60, h: 3600 }[m[2] as "" | "s" | "m" | "h"];
  const ms = Number(m[1]) * unit * 1000;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve(signal.aborted ? fail("", 137) : ok(""));
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    if (signal.aborted) done();
  });
};
