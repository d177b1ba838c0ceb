/** A raw TCP client for the HTTP tests: bytes as a broken or hostile client sends them. */

/** Sends `parts` (with `pause` ms between them) and reads until the server closes; returns what came back and when. */
export async function exchange(
  port: number,
  parts: (string | Uint8Array)[],
  pause = 0,
  limitMs = 3000,
): Promise<{ text: string; ms: number }> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const started = performance.now();
  const chunks: string[] = [];
  const reading = (async () => {
    const buf = new Uint8Array(65536);
    for (;;) {
      const n = await conn.read(buf).catch(() => null);
      if (n === null) return;
      chunks.push(new TextDecoder().decode(buf.subarray(0, n)));
    }
  })();
  for (const p of parts) {
    const bytes = typeof p === "string" ? new TextEncoder().encode(p) : p;
    for (let at = 0; at < bytes.length;) {
      const n = await conn.write(bytes.subarray(at)).catch(() => -1);
      if (n < 0) break; // the server has closed
      at += n;
    }
    if (pause) await new Promise((r) => setTimeout(r, pause));
  }
  const guard = setTimeout(() => conn.close(), limitMs);
  await reading;
  clearTimeout(guard);
  try {
    conn.close();
  } catch { /* closed by the server */ }
  return { text: chunks.join(""), ms: performance.now() - started };
}
