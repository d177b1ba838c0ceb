/**
 * The library's workers answer a message sent the moment they start: the
 * handler is set before their modules load, so a message that arrives while
 * an npm module of the graph is still evaluating is not lost (it was, and
 * label-all then waited forever).
 */
import assert from "node:assert/strict";

/** The first answer of a worker to one message posted right after its start, or a timeout. */
async function firstAnswer(path: string, message: unknown, seconds = 90): Promise<Record<string, unknown>> {
  const worker = new Worker(new URL(path, import.meta.url).href, { type: "module" });
  worker.postMessage(message);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      new Promise<Record<string, unknown>>((resolve) => (worker.onmessage = (e) => resolve(e.data))),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${path}: no answer in ${seconds} s: the message was lost`)),
          seconds * 1000,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
    worker.terminate();
  }
}

Deno.test("label-all's worker answers a partition sent the moment it starts (here: the error of a missing model)", async () => {
  const answer = await firstAnswer("../../lib/bulk/_label_worker.ts", {
    modelDir: "/nonexistent/model",
    partition: { id: "part-00000", file: "/nonexistent/offers.parquet" },
    outDir: "/nonexistent/out",
    options: {},
  });
  assert.match(String(answer.error), /^part-00000 \(\/nonexistent\/offers\.parquet\): /);
});

Deno.test("the profiler's worker answers tasks sent the moment it starts (here: the error of a missing file)", async () => {
  const answer = await firstAnswer("../../lib/stats/_profile_worker.ts", {
    tasks: [{ file: "/nonexistent/offers.jsonl", start: 0, end: 10 }],
    load: {},
    profile: {},
  });
  assert.ok(answer.error, JSON.stringify(answer));
});
