import {defineConfig} from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Nothing may depend on the machine's zone: shop times are naive local times, read with UTC getters.
    env: {TZ: "America/Los_Angeles", LANG: "C"},
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // Two cores: one worker for the browser suite, one for the rest.
    maxWorkers: 2,
    fileParallelism: true
  }
});
