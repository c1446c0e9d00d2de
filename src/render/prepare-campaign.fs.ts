/**
 * Everything `plan`, `preview` and `send` need before the first message: the loaded campaign, the
 * plan, the compiled renderer, and every problem found on the way (loading, planning, compiling,
 * trial-rendering each entry). Effects: reads the campaign's files.
 */
import { buildPlan, type Plan, type PlanOptions } from "../campaign/build-plan.js";
import { loadCampaign } from "../campaign/load-campaign.fs.js";
import type { LoadedCampaign } from "../campaign/loaded-campaign.js";
import type { Problem } from "../core/errors.js";
import { workspacePaths } from "../core/workspace.js";
import { readWorkspaceSecret } from "../core/workspace-secret.fs.js";
import { checkRendering } from "./check-rendering.js";
import { createRenderer, type Renderer } from "./create-renderer.js";

export interface PreparedCampaign {
  loaded: LoadedCampaign;
  plan: Plan;
  renderer: Renderer;
  /** Plan problems, template compile problems and trial-render problems; errors block. */
  problems: Problem[];
}

export async function prepareCampaign(
  workspace: string,
  id: string,
  options: PlanOptions = {},
): Promise<PreparedCampaign> {
  const loaded = await loadCampaign(workspace, id);
  const plan = buildPlan(loaded, options);
  // Read, never created here: a preview shows the ids `send` would use once the workspace has a key.
  const messageIdKey = await readWorkspaceSecret(workspacePaths(workspace).secret);
  const renderer = await createRenderer(loaded, messageIdKey ? { messageIdKey } : {});
  const usable = plan.entries.filter((e) => renderer.languages.includes(e.language));
  const problems = distinct([...plan.problems, ...renderer.problems, ...checkRendering(usable, renderer)]);
  return { loaded, plan, renderer, problems };
}

/** A problem the plan and the render checks both find is listed once. */
function distinct(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify([p.severity ?? "error", p.code, p.file, p.line, p.field, p.message]);
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

export function blockingProblems(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => (p.severity ?? "error") === "error");
}
