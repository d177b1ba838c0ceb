/**
 * Worker of profileCorpus: profiles its share of rows and sends back the raw accumulators.
 * The handler is set before the library is loaded (imported dynamically), so that
 * a message sent while the module graph still evaluates is not lost.
 */
import type { ProfileTask } from "./profile_corpus.ts";

const library = Promise.all([import("../corpus/mod.ts"), import("./describe.ts")]);

const worker = self as unknown as {
  onmessage: (e: MessageEvent) => void;
  postMessage: (message: unknown) => void;
};

worker.onmessage = async (e: MessageEvent) => {
  try {
    const [{ scanOffers }, { CorpusProfiler }] = await library;
    const { tasks, load, profile } = e.data as {
      tasks: ProfileTask[];
      load: Record<string, unknown>;
      profile: Record<string, unknown>;
    };
    const profiler = new CorpusProfiler(profile);
    const reports = [];
    let read = 0;
    for (const task of tasks) {
      const { offers, report } = scanOffers(task.file, {
        ...load,
        rows: { start: task.start, end: task.end },
      });
      for await (const offer of offers) {
        profiler.add(offer);
        if (++read % 20_000 === 0) worker.postMessage({ progress: read });
      }
      reports.push(report);
    }
    worker.postMessage({ state: profiler.state(), reports });
  } catch (err) {
    worker.postMessage({ error: err instanceof Error ? `${err.message}` : String(err) });
  }
};
