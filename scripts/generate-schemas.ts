/**
 * Writes the JSON Schemas editors use for config.json and campaign.json. A test fails when the committed
 * files differ from what the zod schemas generate: run `npm run generate:schemas` after changing a schema.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generatedSchemas } from "./json-schemas.js";

const root = join(import.meta.dirname, "..");
for (const [file, schema] of Object.entries(generatedSchemas())) {
  await writeFile(join(root, file), JSON.stringify(schema, null, 2) + "\n");
  console.log(`wrote ${file}`);
}
