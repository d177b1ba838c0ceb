/**
 * Fault suite, server: a fixed mix of valid, malformed, oversized, slow and
 * misrouted requests against the labelling app and the demo, run in a
 * process of their own on 127.0.0.1. Valid requests keep being answered,
 * the server's resident memory stays bounded (read from /proc/<pid>), and
 * after a SIGKILL every save the server acknowledged is in the store.
 */
import assert from "node:assert/strict";
import { addAnnotator } from "../../lib/app/annotators.ts";
import { ROOT } from "../../lib/config.ts";
import { emptyOffer } from "../../lib/corpus/schema.ts";
import { LabelStore } from "../../lib/labelling/store.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import { exchange } from "../app/_raw_http.ts";
import { tempDir } from "../_helpers.ts";

const REQUESTS = 480;
const OFFERS = 60;
const TEXT =
  "Notre PME recrute.\n\nProfil : vous êtes rigoureux et autonome, avec le sens du service. Télétravail possible.";

/** A /proc/<pid>/status field in MiB (VmRSS now, VmHWM the peak since the last reset); null off Linux. */
function procMiB(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(Deno.readTextFileSync(`/proc/${pid}/status`));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Resets a process's peak resident size (VmHWM) to the current one; false where the kernel does not allow it. */
function resetPeak(pid: number): boolean {
  try {
    Deno.writeTextFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** One kind of request of the mix: what it sends and the status it must get ("valid" kinds must be answered 200). */
interface Probe {
  kind: string;
  valid: boolean;
  run: (k: number) => Promise<number | "closed">;
}

Deno.test({
  name:
    "fault suite: a mixed load of valid, malformed, oversized, slow and misrouted requests; valid ones answered, memory bounded, no acknowledged save lost",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = await tempDir();
    const storePath = `${dir}/labels.sqlite`;
    const store = LabelStore.open(storePath);
    store.upsertOffers(
      Array.from(
        { length: OFFERS },
        (_, k) => ({ ...emptyOffer(`o${k}`, "generic"), title: `Offre ${k}`, text: TEXT }),
      ),
    );
    for (let k = 0; k < OFFERS; k++) store.enqueueReview(`o${k}`, "diverse", "fault suite");
    store.close();
    const annotators = `${dir}/annotators.json`;
    const token = await addAnnotator(annotators, "alice", "annotator");
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--config",
        `${ROOT}/deno.json`,
        `${ROOT}/tests/faults/_app_server.ts`,
        dir,
        storePath,
        annotators,
      ],
      cwd: ROOT,
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let banner = "";
    while (!banner.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) throw new Error("the server process ended before listening");
      banner += value;
    }
    const port = JSON.parse(banner.split("\n")[0]).port as number;
    const base = `http://127.0.0.1:${port}`;
    const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const status = async (path: string, init: RequestInit = {}) => {
      const r = await fetch(base + path, init);
      await r.body?.cancel();
      return r.status;
    };
    const rawStatus = async (parts: (string | Uint8Array)[], pause = 0) => {
      const { text } = await exchange(port, parts, pause);
      const m = /^HTTP\/1\.1 (\d{3}) /.exec(text);
      return m ? Number(m[1]) : "closed" as const;
    };
    const themes = Object.fromEntries(THEMES.map((t, i) => [t, i % 2 === 0]));
    const acknowledged = new Set<string>();
    const megabyte = new Uint8Array(1024 * 1024).fill(0x61);
    const probes: Probe[] = [
      {
        kind: "save labels",
        valid: true,
        run: async (k) => {
          const id = `o${Math.floor(k / probes.length) % OFFERS}`;
          const s = await status(`/api/offers/${id}/labels`, {
            method: "PUT",
            headers: auth,
            body: JSON.stringify({ themes, soft_skills: [] }),
          });
          if (s === 200) acknowledged.add(id);
          return s;
        },
      },
      {
        kind: "analyse",
        valid: true,
        run: () => status("/api/analyse", { method: "POST", body: JSON.stringify({ text: TEXT }) }),
      },
      {
        kind: "next in queue",
        valid: true,
        run: () => status("/api/queues/diverse/next", { headers: auth }),
      },
      {
        kind: "malformed JSON",
        valid: false,
        run: () => status("/api/offers/o1/labels", { method: "PUT", headers: auth, body: '{"themes": {' }),
      },
      {
        kind: "null body",
        valid: false,
        run: () =>
          status("/api/login", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: "null",
          }),
      },
      { kind: "bad percent-encoding", valid: false, run: () => status("/api/%ZZ", { headers: auth }) },
      { kind: "garbage request line", valid: false, run: () => rawStatus(["HELLO THERE\r\n\r\n"]) },
      {
        kind: "oversized body, 400 MB declared",
        valid: false,
        run: () =>
          rawStatus([
            `POST /api/analyse HTTP/1.1\r\nHost: x\r\nContent-Length: 400000000\r\n\r\n`,
            ...Array(8).fill(megabyte),
          ]),
      },
      {
        kind: "oversized body, chunked",
        valid: false,
        run: () =>
          rawStatus([
            `POST /api/analyse HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n`,
            ...Array(8).fill(null).flatMap(() => ["100000\r\n", megabyte, "\r\n"]),
          ]),
      },
      {
        kind: "slow partial body",
        valid: false,
        run: () =>
          rawStatus([
            `PUT /api/offers/o1/labels HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Length: 200\r\n\r\n{"th`,
            "em",
          ], 150),
      },
      { kind: "slow partial head", valid: false, run: () => rawStatus(["GET /api/me HTTP/1.1\r\nHo"], 0) },
      {
        kind: "wrong method",
        valid: false,
        run: () => status("/api/queues", { method: "DELETE", headers: auth }),
      },
      {
        kind: "wrong method on a page",
        valid: false,
        run: () => status("/demo", { method: "POST", body: "x" }),
      },
      { kind: "unknown API route", valid: false, run: () => status("/api/me/extra", { headers: auth }) },
      { kind: "no token", valid: false, run: () => status("/api/queues") },
    ];
    const expected: Record<string, (number | "closed")[]> = {
      "malformed JSON": [400],
      "null body": [400],
      "bad percent-encoding": [400],
      "garbage request line": [400],
      // a server that answers 413 and closes while the client is still sending may have its answer cut by the reset
      "oversized body, 400 MB declared": [413, "closed"],
      "oversized body, chunked": [413, "closed"],
      "slow partial body": [408],
      "slow partial head": [408],
      "wrong method": [405],
      "wrong method on a page": [405],
      "unknown API route": [404],
      "no token": [401],
    };
    try {
      for (let k = 0; k < 30; k++) await probes[k % 3].run(k); // warm up: the first requests allocate for good
      const rssBefore = procMiB(child.pid, "VmRSS");
      const peakReset = resetPeak(child.pid);
      const outcomes = new Map<string, Map<string, number>>();
      let validAnswered = 0, validTried = 0, badTried = 0, badRefusedAsExpected = 0;
      const validLatencies: number[] = [];
      let rssHalf: number | null = null;
      for (let start = 0; start < REQUESTS; start += 16) {
        if (start === REQUESTS / 2) rssHalf = procMiB(child.pid, "VmRSS");
        await Promise.all(Array.from({ length: 16 }, async (_, j) => {
          const k = start + j;
          const probe = probes[k % probes.length];
          const t0 = performance.now();
          const got = await probe.run(k).catch((e) => `client error: ${(e as Error).message}`);
          const tally = outcomes.get(probe.kind) ?? new Map<string, number>();
          tally.set(String(got), (tally.get(String(got)) ?? 0) + 1);
          outcomes.set(probe.kind, tally);
          if (probe.valid) {
            validTried++;
            if (got === 200) validAnswered++;
            validLatencies.push(performance.now() - t0);
          } else {
            badTried++;
            if (expected[probe.kind].includes(got as number | "closed")) badRefusedAsExpected++;
          }
        }));
      }
      const peak = peakReset ? procMiB(child.pid, "VmHWM") : null;
      const rssAfter = procMiB(child.pid, "VmRSS");
      const table = [...outcomes].map(([kind, tally]) =>
        `  ${kind}: ${[...tally].map(([s, n]) => `${s} x${n}`).join(", ")}`
      ).join("\n");
      assert.equal(validAnswered, validTried, `every valid request answered 200\n${table}`);
      assert.equal(badRefusedAsExpected, badTried, `every bad request refused with its status\n${table}`);
      for (const [kind, tally] of outcomes) {
        if (kind.startsWith("oversized")) {
          assert.ok((tally.get("413") ?? 0) > 0, `${kind}: some 413 answers came back\n${table}`);
        }
      }
      validLatencies.sort((a, b) => a - b);
      const p95 = validLatencies[Math.floor(validLatencies.length * 0.95)];
      assert.ok(
        p95 < 2000,
        `valid requests kept being answered promptly beside slow clients (p95 ${p95.toFixed(0)} ms)`,
      );
      if (rssBefore !== null && rssAfter !== null && rssHalf !== null) {
        // 32 bodies of 400 MB declared and 8 MB sent each, 32 chunked ones of 8 MB: memory must not follow the bytes sent.
        // The first half warms the heap up; the second, the same traffic again, must add little.
        assert.ok(
          rssAfter - rssBefore < 128,
          `resident memory grew by ${(rssAfter - rssBefore).toFixed(0)} MiB`,
        );
        assert.ok(
          rssAfter - rssHalf < 48,
          `the second half of the same traffic grew resident memory by ${
            (rssAfter - rssHalf).toFixed(0)
          } MiB`,
        );
        if (peak !== null) {
          assert.ok(
            peak - rssBefore < 160,
            `peak resident memory ${(peak - rssBefore).toFixed(0)} MiB over the start`,
          );
        }
      }
      child.kill("SIGKILL"); // no clean shutdown: what was acknowledged must already be on disk
      await child.status;
      const reopened = LabelStore.open(storePath);
      const set = reopened.labelSets().find((s) => s.name === "human:alice")!;
      const records = reopened.records(set);
      const saved = new Set(records.map((r) => r.id));
      for (const r of records) {
        assert.deepEqual(
          THEMES.map((t) => r.themes[t]),
          THEMES.map((_, i) => i % 2 === 0 ? 100 : 0),
          `${r.id}: saved as sent`,
        );
      }
      const lost = [...acknowledged].filter((id) => !saved.has(id));
      reopened.close();
      assert.deepEqual(lost, [], "every acknowledged save is in the store");
      console.log(
        `[faults] server: ${REQUESTS} requests, ${badTried} bad (${
          probes.filter((p) => !p.valid).length
        } kinds) all refused with their status, ` +
          `${validTried} valid all answered (p95 ${
            p95.toFixed(0)
          } ms), ${acknowledged.size} saves acknowledged, ${lost.length} lost after SIGKILL; ` +
          `server RSS ${rssBefore?.toFixed(0)} -> ${rssHalf?.toFixed(0)} (half) -> ${
            rssAfter?.toFixed(0)
          } MiB, peak ${peak?.toFixed(0) ?? "n/a"} MiB\n${table}`,
      );
    } finally {
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
      await child.status;
      await reader.cancel().catch(() => {});
    }
  },
});
