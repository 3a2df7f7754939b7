// A concrete target: one process of one app, after resolution of the job's target entries.
export interface Target {
  appId: string;
  processId: string;
  /** Known once names are resolved through the API (a later issue); null for bare ids. */
  appName: string | null;
  processKey: string | null;
  label: string | null;
}
