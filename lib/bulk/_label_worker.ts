/// <reference lib="deno.worker" />
/**
 * A bulk-labelling worker: loads the model once, then labels the partitions
 * the main thread sends, one at a time, reporting progress and each
 * partition's counts. See label_all.ts.
 */
import { loadModel } from "../train/model_files.ts";
import type { BulkModel } from "../train/bulk_model.ts";
import { labelPartition } from "./label_partition.ts";

let model: BulkModel | null = null;

self.onmessage = async (e: MessageEvent) => {
  const { modelDir, partition, outDir, format, output } = e.data;
  try {
    model ??= (await loadModel(modelDir, "bulk")).model;
    const report = await labelPartition(model, partition, outDir, { format, output, onProgress: (read) => self.postMessage({ progress: read }) });
    self.postMessage({ report });
  } catch (error) {
    self.postMessage({ error: `${partition.id} (${partition.file}): ${(error as Error).message}` });
  }
};
