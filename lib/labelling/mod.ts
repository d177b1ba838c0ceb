/**
 * Public face of lib/labelling/: Labelling: the codebook, the rule teacher, the LLM labeller, the label store, sampling, reference labels and agreement.
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { labelWithRules } from "./mod.ts";
 * const { record } = labelWithRules({ id: "1", title: "Infirmier", text: "Mutuelle et tickets restaurant." } as never);
 * ```
 */
export * from "./agreement.ts";
export * from "./codebook.ts";
export * from "./label_more.ts";
export * from "./compare.ts";
export * from "./lexicon.ts";
export * from "./llm.ts";
export * from "./plan.ts";
export * from "./records.ts";
export * from "./recruiter.ts";
export * from "./reference.ts";
export * from "./review.ts";
export * from "./rules.ts";
export * from "./sampling.ts";
export * from "./store.ts";
