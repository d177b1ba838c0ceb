/** A local fake of the OpenAI embeddings API for the tests: deterministic vectors, injected failures. */

/** A deterministic 8-dimensional vector of a string (not normalised). */
export function fakeVector(text: string): number[] {
  const v = new Array(8).fill(0);
  for (let i = 0; i < text.length; i++) v[(text.charCodeAt(i) + i) % 8] += 1 + (text.charCodeAt(i) % 5);
  return v;
}

/** The fake API on 127.0.0.1: answers /v1/embeddings, after the failures queued in `faults` (status codes, or "hang"). */
export function fakeEmbeddingsApi() {
  const requests: { input: string[]; input_type?: string; model: string }[] = [];
  const faults: (number | "hang")[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const body = await req.json();
    const fault = faults.shift();
    if (fault === "hang") {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return new Response("late", { status: 500 });
    }
    if (fault) {
      return Response.json({ error: { message: "injected" } }, {
        status: fault,
        headers: fault === 429 ? { "retry-after": "0" } : {},
      });
    }
    requests.push(body);
    const input: string[] = typeof body.input === "string" ? [body.input] : body.input;
    return Response.json({
      object: "list",
      model: body.model,
      data: input.map((t, index) => ({ object: "embedding", index, embedding: fakeVector(t) })).reverse(),
      usage: { prompt_tokens: 1, total_tokens: 1 },
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${server.addr.port}/v1`,
    requests,
    faults,
    close: () => server.shutdown(),
  };
}
