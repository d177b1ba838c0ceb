/**
 * Fault suite, full disk: label-all and the label store writing onto a small
 * tmpfs that fills up. Needs root to mount the tmpfs; elsewhere the tests are
 * skipped with a message saying so.
 */
import assert from "node:assert/strict";
import { labelAll } from "../../lib/bulk/label_all.ts";
import { emptyOffer } from "../../lib/corpus/schema.ts";
import type { LabelRecord } from "../../lib/labelling/records.ts";
import { LabelStore } from "../../lib/labelling/store.ts";
import { tempDir } from "../_helpers.ts";
import { bulkFixture } from "../bulk/_fixture.ts";

/** Mounts a tmpfs of `bytes` on a fresh folder; the reason it cannot when it cannot (not root, no mount). */
async function smallDisk(bytes: number): Promise<{ dir: string; release: () => Promise<void> } | string> {
  if (Deno.build.os !== "linux" || Deno.uid?.() !== 0) return "needs root on Linux to mount a tmpfs";
  const dir = await tempDir();
  const mount = await new Deno.Command("mount", {
    args: ["-t", "tmpfs", "-o", `size=${bytes}`, "tmpfs", dir],
    stderr: "piped",
  }).output()
    .catch((e) => ({ success: false, stderr: new TextEncoder().encode((e as Error).message) }));
  if (!mount.success) return `mount -t tmpfs failed: ${new TextDecoder().decode(mount.stderr).trim()}`;
  return { dir, release: async () => void await new Deno.Command("umount", { args: [dir] }).output() };
}

/** Fills the disk until `free` bytes are left (a tmpfs counts whole 4 KiB pages). */
async function fillUntil(dir: string, free: number, size: number) {
  await Deno.writeFile(`${dir}/filler`, new Uint8Array(size - free));
}

/** Name -> bytes of a label-all output folder's partition files. */
async function partitionFiles(out: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const e of Deno.readDir(out)) {
    if (e.name.startsWith("part-")) {
      files.set(e.name, Array.from(await Deno.readFile(`${out}/${e.name}`)).join(","));
    }
  }
  return files;
}

const DISK = 1024 * 1024;
const probe = await smallDisk(DISK);
const skip = typeof probe === "string";
if (skip) console.warn(`[faults] full-disk tests skipped: ${probe}`);
else await probe.release();

Deno.test({
  name:
    "full disk: label-all fails naming the file, marks no half-written partition, and a re-run after freeing space ends with the files of an uninterrupted run",
  ignore: skip,
  fn: async () => {
    const dir = await tempDir();
    const { model, corpus } = await bulkFixture(dir, 3000);
    await labelAll({ model, input: corpus, out: `${dir}/uninterrupted`, rowsPerPartition: 400, workers: 1 });
    for (const workers of [1, 2]) {
      const disk = await smallDisk(DISK) as { dir: string; release: () => Promise<void> };
      try {
        await fillUntil(disk.dir, 100 * 1024, DISK); // room for about five of the nine partitions
        const out = `${disk.dir}/labelled`;
        await assert.rejects(
          labelAll({ model, input: corpus, out, rowsPerPartition: 400, workers }),
          (e: Error) => {
            assert.match(
              e.message,
              // the disk may fill on the partition's data or on its marker: either way the file is named
              new RegExp(
                `${out}/part-\\d{5}-\\d{4}\\.(parquet|json): cannot be written .*check the free space`,
              ),
            );
            return true;
          },
        );
        const names = [...(await partitionFiles(out)).keys()];
        assert.deepEqual(names.filter((n) => n.includes(".tmp-")), [], "no temporary file left behind");
        const done = names.filter((n) => n.endsWith(".json"));
        assert.ok(
          done.length >= 1 && done.length < 9,
          `some partitions were written before the disk filled (${done.length})`,
        );
        const reference = await partitionFiles(`${dir}/uninterrupted`);
        for (const name of done) {
          const data = name.replace(/\.json$/, ".parquet");
          assert.equal(
            (await partitionFiles(out)).get(data),
            reference.get(data),
            `${data}: a marked partition is whole`,
          );
        }
        await Deno.remove(`${disk.dir}/filler`);
        const rerun = await labelAll({ model, input: corpus, out, rowsPerPartition: 400, workers });
        assert.equal(rerun.partitions_already_done, done.length);
        assert.equal(rerun.read, 3000);
        assert.deepEqual(await partitionFiles(out), reference);
      } finally {
        await disk.release();
      }
    }
  },
});

Deno.test({
  name:
    "full disk: the label store's failed save names the file, every acknowledged save survives, saving resumes once space is freed",
  ignore: skip,
  fn: async () => {
    const disk = await smallDisk(DISK) as { dir: string; release: () => Promise<void> };
    try {
      const path = `${disk.dir}/labels.sqlite`;
      const store = LabelStore.open(path);
      const text = "Vous êtes rigoureux. ".repeat(40);
      const set = store.labelSet({ name: "llm:test", kind: "llm", labeller: "test", version: "v1" });
      const record = (id: string): LabelRecord => ({
        source: "generic",
        id,
        overall_confidence: 90,
        themes: {
          DIVERSITY: 5,
          PAY_BENEFITS: 10,
          CAREER: 20,
          CULTURE_VALUES: 30,
          LEADERSHIP_MANAGEMENT: 40,
          WORK_LIFE_BALANCE: 50,
        },
        soft_skills: [{ code_ogr: "300490", evidence: "rigoureux", confidence: 90 }],
      });
      await fillUntil(disk.dir, 600 * 1024, DISK);
      const acknowledged: string[] = [];
      let failure: Error | null = null;
      for (let k = 0; k < 5000 && !failure; k++) {
        const id = `offer-${k}`;
        try {
          store.upsertOffers([{ ...emptyOffer(id, "generic"), title: "T", text }]);
          store.saveRecord(set, record(id), { actor: "test" });
          acknowledged.push(id);
        } catch (e) {
          failure = e as Error;
        }
      }
      assert.ok(failure, "the disk filled up");
      assert.match(
        failure.message,
        new RegExp(`^${path}: database or disk is full; nothing of this save was kept`),
      );
      assert.ok(
        acknowledged.length > 10,
        `saves acknowledged before the disk filled: ${acknowledged.length}`,
      );
      await Deno.remove(`${disk.dir}/filler`);
      store.upsertOffers([{ ...emptyOffer("after", "generic"), title: "T", text }]);
      store.saveRecord(set, record("after"), { actor: "test" });
      store.close();
      const reopened = LabelStore.open(path);
      assert.deepEqual(
        reopened.records(set).map((r) => r.id).sort(),
        [...acknowledged, "after"].sort(),
        "no acknowledged save lost",
      );
      reopened.close();
      console.log(
        `[faults] label store: ${acknowledged.length} saves acknowledged before the disk filled, all present after reopening, 0 lost`,
      );
    } finally {
      await disk.release();
    }
  },
});
