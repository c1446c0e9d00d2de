// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { readFileSync } from "node:fs";

/**
 * The layer rule of tests/architecture.test.ts, for editors: a stage may not import a later stage, and the
 * shared layer src/core/ may import none. The order is the table of docs/ARCHITECTURE.md, read from the page
 * so there is no second copy. The test is the authority (it also checks I/O: fs, clock, timers, process).
 */
function layerRules() {
  const page = readFileSync(new URL("docs/ARCHITECTURE.md", import.meta.url), "utf8");
  const stages = [...page.matchAll(/^\|\s*`src\/([a-z0-9-]+)\/`\s*\|/gm)].map((m) => m[1]);
  if (stages[0] !== "core" || stages.at(-1) !== "cli") {
    throw new Error("eslint.config.js: the stage table of docs/ARCHITECTURE.md was not found");
  }
  return stages.flatMap((stage, i) => {
    const later = [...stages.slice(i + 1).map((s) => `${s}/`), "index\\.js$"];
    const message =
      stage === "core"
        ? "src/core/ is the shared layer: it imports no stage (docs/ARCHITECTURE.md)."
        : `src/${stage}/ may import only earlier stages (docs/ARCHITECTURE.md's table).`;
    // One block per depth, so `../` counts reach exactly src/: `../../send/` from src/directory/crawl/.
    return [1, 2, 3, 4].map((depth) => {
      const regex = `^(?:\\.\\./){${depth}}(?:${later.join("|")})`;
      return {
        files: [`src/${stage}/${"*/".repeat(depth - 1)}*.ts`],
        rules: {
          "no-restricted-imports": ["error", { patterns: [{ regex, message }] }],
          "no-restricted-syntax": [
            "error",
            { selector: `ImportExpression[source.value=/${regex.replaceAll("/", "\\/")}/]`, message },
          ],
        },
      };
    });
  });
}

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "node_modules/",
      "coverage/",
      "**/*.cjs",
      "campaigns/",
      "contacts/",
      "templates/",
      "tests/**/fixtures/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowBoolean: true },
      ],
      "no-control-regex": "off",
    },
  },
  ...layerRules(),
  {
    files: ["eslint.config.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false },
      globals: { process: "readonly", console: "readonly", URL: "readonly" },
    },
  },
);
