/**
 * Public face of lib/app/: The web apps: the labelling app, the demo, their HTTP front and annotators.
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { loadDemo } from "./mod.ts";
 * const demo = await loadDemo(loadConfig());
 * ```
 */
export * from "./annotators.ts";
export * from "./demo_analyse.ts";
export * from "./demo_api.ts";
export * from "./demo_check.ts";
export * from "./demo_page.ts";
export * from "./http_front.ts";
export * from "./http_util.ts";
export * from "./labelling_api.ts";
export * from "./labelling_page.ts";
export * from "./server.ts";
