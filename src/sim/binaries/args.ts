// A tiny getopt: enough for the flags the virtual binaries support.

export interface ParsedArgs {
  flags: Set<string>;
  /** Flags that take a value, e.g. -n 5, -n5. */
  values: Map<string, string>;
  operands: string[];
  error?: string;
}

export function parseArgs(
  tool: string,
  args: string[],
  boolFlags: string,
  valueFlags = "",
): ParsedArgs {
  const out: ParsedArgs = { flags: new Set(), values: new Map(), operands: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "--") {
      out.operands.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      out.operands.push(a);
      continue;
    }
    // head/tail's historical -5 means -n 5.
    if (/^-\d+$/.test(a) && valueFlags.includes("n")) {
      out.values.set("n", a.slice(1));
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j] ?? "";
      if (valueFlags.includes(f)) {
        const v = a.slice(j + 1) || args[++i];
        if (v === undefined)
          return { ...out, error: `${tool}: option requires an argument -- '${f}'\n` };
        out.values.set(f, v);
        break;
      }
      if (!boolFlags.includes(f)) return { ...out, error: `${tool}: invalid option -- '${f}'\n` };
      out.flags.add(f);
    }
  }
  return out;
}
