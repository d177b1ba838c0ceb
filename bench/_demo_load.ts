/**
 * Load generator of the demo benchmark, run in its own process: sends
 * `requests` POST /api/analyse with the text of <text file>, `concurrency`
 * at a time, after `warmup` requests; prints one JSON line with
 * requests/s and latency percentiles (ms).
 *
 * Usage: _demo_load.ts <base url> <text file> <concurrency> <requests> [warmup]
 */
const [base, textFile, concurrency, requests, warmup = "200"] = Deno.args;
const body = JSON.stringify({ text: await Deno.readTextFile(textFile) });
const send = async () => {
  const started = performance.now();
  const r = await fetch(`${base}/api/analyse`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  await r.arrayBuffer();
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  return performance.now() - started;
};
async function run(n: number, c: number) {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: c }, async () => {
    while (next < n) {
      next++;
      latencies.push(await send());
    }
  }));
  return latencies;
}
await run(Number(warmup), Number(concurrency));
const started = performance.now();
const latencies = (await run(Number(requests), Number(concurrency))).sort((a, b) => a - b);
const seconds = (performance.now() - started) / 1000;
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
console.log(
  JSON.stringify({
    requests: latencies.length,
    concurrency: Number(concurrency),
    seconds,
    requests_per_second: latencies.length / seconds,
    p50_ms: q(0.5),
    p95_ms: q(0.95),
    p99_ms: q(0.99),
    max_ms: latencies[latencies.length - 1],
  }),
);
