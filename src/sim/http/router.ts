// The three endpoints of API.md under the /v3 prefix; anything else is a 404.

export type Route =
  | { name: "POST exec"; appId: string; processId: string }
  | { name: "GET applications" }
  | { name: "GET processes"; appId: string }
  | { name: "unknown" };

export function matchRoute(method: string, pathname: string): Route {
  const parts = pathname.split("/").filter(Boolean);
  if (parts[0] !== "v3" || parts[1] !== "applications") return { name: "unknown" };
  const [, , appId, sub, processId, action] = parts;
  if (method === "GET" && parts.length === 2) return { name: "GET applications" };
  if (method === "GET" && parts.length === 4 && sub === "processes" && appId) {
    return { name: "GET processes", appId: decodeURIComponent(appId) };
  }
  if (
    method === "POST" &&
    parts.length === 6 &&
    sub === "processes" &&
    action === "exec" &&
    appId &&
    processId
  ) {
    return {
      name: "POST exec",
      appId: decodeURIComponent(appId),
      processId: decodeURIComponent(processId),
    };
  }
  return { name: "unknown" };
}
