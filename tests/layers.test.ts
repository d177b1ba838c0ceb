/**
 * The library's layers point down only: each folder of lib/ imports from
 * its own folder and the folders below it, never from one above, and a
 * `_`-prefixed file is private to its folder.
 */
import assert from "node:assert/strict";

/** lib/ folders from the bottom up ("." is lib/ itself: config.ts). */
const LAYERS = [
  "base", ".", "text", "corpus", "stats", "represent", "lm", "labelling", "train", "evaluate", "cluster", "bulk", "economics", "report", "app", "stages", "cli",
];
const LIB = new URL("../lib/", import.meta.url).pathname;

function* sources(dir: string): Generator<string> {
  for (const e of Deno.readDirSync(dir)) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory) yield* sources(path);
    else if (e.name.endsWith(".ts")) yield path;
  }
}

const folderOf = (path: string) => {
  const rel = path.slice(LIB.length).replace(/^\/+/, "");
  return rel.includes("/") ? rel.split("/")[0] : ".";
};

Deno.test("every lib folder is a known layer, and imports run down the layers only, never into another folder's _ files", () => {
  const problems: string[] = [];
  const files = [...sources(LIB.replace(/\/$/, ""))];
  assert.ok(files.length > 100);
  for (const file of files) {
    const from = folderOf(file);
    assert.ok(LAYERS.includes(from), `${file}: folder "${from}" is not in the layer list`);
    const text = Deno.readTextFileSync(file);
    for (const m of text.matchAll(/(?:from|import\(?)\s*"(\.{1,2}\/[^"]+)"/g)) {
      const target = new URL(m[1], `file://${file}`).pathname;
      const to = folderOf(target);
      if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) problems.push(`${file.slice(LIB.length)} imports ${target.slice(LIB.length)} (${to} is above ${from})`);
      const name = target.split("/").pop()!;
      if (name.startsWith("_") && target.slice(0, target.lastIndexOf("/")) !== file.slice(0, file.lastIndexOf("/"))) problems.push(`${file.slice(LIB.length)} imports the private ${target.slice(LIB.length)}`);
    }
  }
  assert.deepEqual(problems, []);
});
