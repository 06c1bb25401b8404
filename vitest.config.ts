import { defineConfig } from "vitest/config";

/**
 * One run covers every package. Unit tests sit beside their code (`*.test.ts`); tests that need
 * PostgreSQL/PGlite or a broker are `*.int.test.ts`; browser and multi-process tests live in `test/`.
 */
export default defineConfig({
  test: {
    include: ["{shared,telematics,server,dashboard,test}/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The browser tests need the built dashboard: built once, before every file.
    globalSetup: ["test/support/dashboard-build.global.ts"],
    pool: "forks",
    maxWorkers: 2,
    // CI asks for a JSON report beside the console one, to print its closing line (.ci/summary.mjs).
    reporters: process.env.VITEST_JSON ? ["default", "json"] : ["default"],
    ...(process.env.VITEST_JSON ? { outputFile: { json: process.env.VITEST_JSON } } : {}),
  },
});
