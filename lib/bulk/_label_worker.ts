/// <reference lib="deno.worker" />
/**
 * A bulk-labelling worker: loads the folder's labeller once, then labels the partitions
 * the main thread sends, one at a time, reporting progress and each
 * partition's counts. See label_all.ts.
 */
import { type Labeller, loadLabeller } from "../train/mod.ts";
import { labelPartition } from "./label_partition.ts";

let model: Labeller | null = null;

self.onmessage = async (e: MessageEvent) => {
  const { modelDir, partition, outDir, options } = e.data;
  try {
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
