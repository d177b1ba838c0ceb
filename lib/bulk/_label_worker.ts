/// <reference lib="deno.worker" />
/**
 * A bulk-labelling worker: loads the folder's labeller once, then labels the partitions
 * the main thread sends, one at a time, reporting progress and each
 * partition's counts. See label_all.ts.
 *
 * The message handler is set before the library is loaded (imported
 * dynamically): while a module of the graph is still evaluating (an npm
 * module awaiting at top level), a message sent by the main thread right
 * after starting the worker would find no handler and be lost.
 */
import type { Labeller } from "../train/mod.ts";

const library = Promise.all([import("../train/mod.ts"), import("./label_partition.ts")]);
let model: Labeller | null = null;

self.onmessage = async (e: MessageEvent) => {
  const { modelDir, partition, outDir, options } = e.data;
  try {
    const [{ loadLabeller }, { labelPartition }] = await library;
    model ??= (await loadLabeller(modelDir)).labeller;
    const report = await labelPartition(model, partition, outDir, {
      ...options,
      onProgress: (read) => self.postMessage({ progress: read }),
    });
    self.postMessage({ report });
  } catch (error) {
    self.postMessage({ error: `${partition.id} (${partition.file}): ${(error as Error).message}` });
  }
};
