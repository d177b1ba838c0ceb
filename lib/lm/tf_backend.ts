/**
 * TensorFlow.js on its WebAssembly backend (XNNPACK kernels, no native
 * binary), started once per process. Every module that trains with tfjs
 * awaits {@link tfReady} first.
 *
 * @example
 * ```ts
 * import { tf, tfReady } from "./tf_backend.ts";
 * await tfReady();
 * tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).print();
 * ```
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";

export { tf };

let ready: Promise<void> | null = null;

/** Selects the wasm backend (once); resolves when it can run. */
export function tfReady(): Promise<void> {
  ready ??= (async () => {
    const entry = createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm");
    setWasmPaths("file://" + entry.slice(0, entry.lastIndexOf("/") + 1));
    if (!(await tf.setBackend("wasm"))) throw new Error("TensorFlow.js: the wasm backend did not start");
    await tf.ready();
  })();
  return ready;
}
