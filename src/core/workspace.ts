/** Where things live in a workspace (the user's folder); every stage asks here instead of joining paths itself. */
import { join } from "node:path";

/**
 * What makes a folder a workspace: any one of these, as `outreach init` makes them. Commands other than
 * `init` and `demo` refuse to run elsewhere rather than create `contacts/` in a stray folder.
 */
export const WORKSPACE_MARKERS = ["config.json", "contacts", "campaigns"] as const;

export interface WorkspacePaths {
  root: string;
  config: string;
  /** The workspace key that tags Message-IDs (git-ignored, mode 0600; src/core/workspace-secret.fs.ts). */
  secret: string;
  contactsDir: string;
  directory: string;
  memberStates: string;
  partners: string;
  sourcesDir: string;
  templatesDir: string;
  campaignsDir: string;
  campaignDir(id: string): string;
  campaignFile(id: string): string;
  ledger(id: string): string;
  lock(id: string): string;
  outbox(id: string): string;
  /** The rehearsal log (`send` without `--transport smtp`): kept apart so a rehearsal is never delivery. */
  rehearsalLog(id: string): string;
  rehearsalLock(id: string): string;
  report(id: string): string;
  letterDir(letter: string): string;
}

export function workspacePaths(root: string): WorkspacePaths {
  const campaignsDir = join(root, "campaigns");
  const campaignDir = (id: string) => join(campaignsDir, id);
  return {
    root,
    config: join(root, "config.json"),
    secret: join(root, ".outreach", "secret"),
    contactsDir: join(root, "contacts"),
    directory: join(root, "contacts", "directory.csv"),
    memberStates: join(root, "contacts", "itu-member-states.csv"),
    partners: join(root, "contacts", "partners.csv"),
    sourcesDir: join(root, "contacts", "sources"),
    templatesDir: join(root, "templates"),
    campaignsDir,
    campaignDir,
    campaignFile: (id) => join(campaignDir(id), "campaign.json"),
    ledger: (id) => join(campaignDir(id), "ledger.jsonl"),
    lock: (id) => join(campaignDir(id), ".lock"),
    outbox: (id) => join(campaignDir(id), "outbox"),
    rehearsalLog: (id) => join(campaignDir(id), "outbox", "rehearsal.jsonl"),
    rehearsalLock: (id) => join(campaignDir(id), "outbox", ".lock"),
    report: (id) => join(campaignDir(id), "report.html"),
    letterDir: (letter) => join(root, "templates", letter),
  };
}
