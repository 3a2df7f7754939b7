// Readable, deterministic ids for generated fleets (the default fleet, big test fleets).
// App n (1-based):        a0000000-0000-4000-8000-<n, 12 digits>
// Process m of app n:     b0000000-0000-4000-8000-0<n, 3 digits>000000<m, 2 digits>
// Both match the API's id pattern (version nibble 4, variant nibble 8).

export function appId(n: number): string {
  return `a0000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

export function processId(app: number, m: number): string {
  if (app > 999 || m > 99) throw new RangeError(`processId(${app}, ${m}): app <= 999, m <= 99`);
  return `b0000000-0000-4000-8000-0${String(app).padStart(3, "0")}000000${String(m).padStart(2, "0")}`;
}
