import assert from "node:assert/strict";
import { readJsonFile, writeAtomically, writeError } from "../lib/base/files.ts";
import { tempDir } from "./_helpers.ts";

Deno.test("writeAtomically: a failed write keeps the old file, leaves no temporary file and names the file", async () => {
  const dir = await tempDir();
  const path = `${dir}/a.json`;
  await writeAtomically(path, (tmp) => Deno.writeTextFile(tmp, '{"v":1}'));
  await assert.rejects(
    writeAtomically(path, async (tmp) => {
      await Deno.writeTextFile(tmp, '{"v":'); // half written, then the disk fills
      throw new Error("No space left on device (os error 28)");
    }),
    new RegExp(
      `${path}: cannot be written \\(No space left on device \\(os error 28\\)\\); check the free space and permissions of ${dir}$`,
    ),
  );
  assert.deepEqual(await readJsonFile(path), { v: 1 });
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["a.json"]);
  const named = writeError(path, new Error("x"));
  assert.equal(writeError(path, named), named, "an error already naming the file is not wrapped twice");
  assert.equal(
    writeError("a.bin", "boom").message,
    "a.bin: cannot be written (boom); check the free space and permissions of .",
  );
});
