import { defineConfig } from "vitest/config";

const shared = { testTimeout: 60_000, hookTimeout: 60_000, pool: "forks" } as const;

// Two projects, both run by `vitest run` (and so by `npm test` and CI): the SIGKILL / full-disk crash
// test is minutes of real processes, kept apart so `vitest run --project main` gives a quick loop.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: "main",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/integration/send-crash.test.ts"],
        },
      },
      { test: { ...shared, name: "crash", include: ["tests/integration/send-crash.test.ts"] } },
    ],
  },
});
