import { describe, expect, it } from "vitest";
import { classifyId, idRule } from "../../src/job/ids.js";

describe("classifyId", () => {
  it("accepts what the API's pattern accepts, in either case", () => {
    expect(classifyId("fb5e5168-4281-4bec-94c5-0d1584e9e657")).toBe("uuid");
    expect(classifyId("FB5E5168-4281-4BEC-94C5-0D1584E9E657")).toBe("uuid");
    expect(classifyId("00000000-0000-0000-0000-000000000000")).toBe("uuid");
    expect(classifyId("ffffffff-ffff-ffff-ffff-ffffffffffff")).toBe("uuid");
    expect(classifyId("a0000001-0000-4000-8000-000000000001")).toBe("uuid");
  });

  it("tells a UUID with a wrong version or variant digit from a mangled one and from a name", () => {
    expect(classifyId("fb5e5168-4281-0bec-94c5-0d1584e9e657")).toBe("bad-uuid-digits");
    expect(classifyId("fb5e5168-4281-4bec-74c5-0d1584e9e657")).toBe("bad-uuid-digits");
    expect(classifyId("fb5e5168-4281-4bec-94c5-0d1584e9e65")).toBe("bad-uuid-shape");
    expect(classifyId("fb5e51684281-4bec-94c5-0d1584e9e657")).toBe("bad-uuid-shape");
    expect(classifyId("fb5e516842814bec94c50d1584e9e657")).toBe("bad-uuid-shape");
    expect(classifyId("fb5e5168-4281-4bec-94c5-0d1584e9e65g")).toBe("bad-uuid-shape");
    expect(classifyId("billing")).toBe("name");
    expect(classifyId("billing-web-eu-1")).toBe("name");
    expect(classifyId("cafe")).toBe("name");
  });
});

describe("idRule", () => {
  it("has no complaint about a UUID or a name (names are looked up through the API)", () => {
    expect(idRule("fb5e5168-4281-4bec-94c5-0d1584e9e657", "application")).toBeUndefined();
    expect(idRule("billing-api", "application")).toBeUndefined();
    expect(idRule("fb5e5168-4281", "application")).toBeUndefined();
    expect(idRule("web", "process")).toBeUndefined();
  });

  it("explains each way an id can be wrong", () => {
    expect(idRule("fb5e5168-4281-0bec-94c5-0d1584e9e657", "process")).toBe(
      "is not a process UUID the API accepts: the third group must start with 1-8 and the fourth with 8, 9, a or b",
    );
    expect(idRule("fb5e5168-4281-4bec-94c5", "application")).toBe(
      "looks like a UUID but is not 8-4-4-4-12 hex digits; an application id must be a UUID",
    );
  });
});
