import { describe, expect, it } from "vitest";
import { rollFaults } from "../../src/sim/faults.js";
import { fleetSchema } from "../../src/sim/fleet/schema.js";
import { sampleLatency } from "../../src/sim/latency.js";
import { mulberry32, RandomStreams } from "../../src/sim/random.js";
import { smallFleet } from "./helpers.js";

describe("seeded streams", () => {
  it("the same seed and name give the same numbers; names are independent", () => {
    const a = new RandomStreams(42);
    const b = new RandomStreams(42);
    const first = [a.get("p1")(), a.get("p1")(), a.get("p2")()];
    // Interleaving another stream does not change p1's sequence.
    const bp1 = b.get("p1");
    b.get("p2")();
    expect([bp1(), bp1()]).toEqual(first.slice(0, 2));
    expect(new RandomStreams(43).get("p1")()).not.toBe(first[0]);
  });

  it("mulberry32 stays in [0, 1)", () => {
    const r = mulberry32(1);
    for (let i = 0; i < 1000; i++) {
      const x = r();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

describe("latency", () => {
  it("fixed, {min, max} and {mean, jitter}", () => {
    expect(sampleLatency(7, 0.9)).toBe(7);
    expect(sampleLatency({ min: 10, max: 20 }, 0)).toBe(10);
    expect(sampleLatency({ min: 10, max: 20 }, 0.5)).toBe(15);
    expect(sampleLatency({ mean: 100, jitter: 10 }, 0)).toBe(90);
    expect(sampleLatency({ mean: 100, jitter: 10 }, 0.999)).toBe(110);
    expect(sampleLatency({ mean: 2, jitter: 10 }, 0)).toBe(0);
  });
});

describe("rollFaults", () => {
  it("maps one roll onto consecutive slices: reset, 500, 502, 503, 504, burst", () => {
    const fleet = fleetSchema.parse(
      smallFleet({
        faults: {
          resetBeforeRead: 0.1,
          status: { 500: 0.1, 502: 0.1, 503: 0.1, 504: 0.1 },
          rateLimitBurst: { probability: 0.1 },
        },
      }),
    );
    const at = (x: number) => rollFaults(fleet, () => x).before;
    expect(at(0.05)).toEqual({ kind: "reset" });
    expect(at(0.15)).toEqual({ kind: "status", status: 500 });
    expect(at(0.25)).toEqual({ kind: "status", status: 502 });
    expect(at(0.35)).toEqual({ kind: "status", status: 503 });
    expect(at(0.45)).toEqual({ kind: "status", status: 504 });
    expect(at(0.55)).toEqual({ kind: "burst" });
    expect(at(0.65)).toEqual({ kind: "none" });
  });

  it("always draws four numbers, whatever the outcome", () => {
    const fleet = fleetSchema.parse(smallFleet({ faults: { resetBeforeRead: 1 } }));
    let draws = 0;
    rollFaults(fleet, () => {
      draws++;
      return 0;
    });
    expect(draws).toBe(4);
  });
});
