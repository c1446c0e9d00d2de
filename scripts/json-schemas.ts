/**
 * The JSON Schemas generated from the zod schemas, keyed by the repo path they are committed at. A build
 * tool, not part of the program: it needs config and campaign, so it cannot live in the shared layer.
 */
import { z } from "zod";
import { configSchema } from "../src/config/config-schema.js";
import { campaignSchema } from "../src/campaign/campaign-schema.js";

export function generatedSchemas(): Record<string, unknown> {
  return {
    "schemas/config.schema.json": z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }),
    "schemas/campaign.schema.json": z.toJSONSchema(campaignSchema, { io: "input", unrepresentable: "any" }),
  };
}
