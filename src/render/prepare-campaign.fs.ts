/**
 * Everything `plan`, `preview` and `send` need before the first message: the loaded campaign, the
 * plan, the compiled renderer, and every problem found on the way (loading, planning, compiling,
 * trial-rendering each entry). Effects: reads the campaign's files.
 */
import { buildPlan, type Plan, type PlanOptions } from "../campaign/build-plan.js";
import { loadCampaign } from "../campaign/load-campaign.fs.js";
import type { LoadedCampaign } from "../campaign/loaded-campaign.js";
import type { Problem } from "../core/errors.js";
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
  const renderer = await createRenderer(loaded);
  const usable = plan.entries.filter((e) => renderer.languages.includes(e.language));
  const problems = [...plan.problems, ...renderer.problems, ...checkRendering(usable, renderer)];
  return { loaded, plan, renderer, problems };
}

export function blockingProblems(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => (p.severity ?? "error") === "error");
}
