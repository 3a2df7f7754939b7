// A concrete target: one process of one app, after resolution of the job's target entries.
export interface Target {
  appId: string;
  processId: string;
  /** The app's name, when it was looked up (names and `all` need the API; bare UUIDs do not). */
  appName: string | null;
  processKey: string | null;
  label: string | null;
  /** The entry's `labels` (job or inventory), for --limit NAME=VALUE; absent when none. */
  labels?: Readonly<Record<string, string>>;
}
