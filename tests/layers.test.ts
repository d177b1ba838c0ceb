/**
 * The library's layers point down only: each folder of lib/ imports from
 * its own folder and the folders below it, never from one above; another
 * folder is reached through its public face, mod.ts, never a file inside;
 * a `_`-prefixed file is private to its folder.
 */
import assert from "node:assert/strict";

/** lib/ folders from the bottom up ("." is lib/ itself: config.ts). */
const LAYERS = [
  "base",
  ".",
  "text",
  "corpus",
  "stats",
  "represent",
  "lm",
  "labelling",
  "train",
  "evaluate",
  "cluster",
  "bulk",
  "economics",
  "report",
  "app",
  "stages",
  "cli",
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

Deno.test("every lib folder is a known layer, and imports run down the layers only, through each folder's mod.ts, never into another folder's _ files", () => {
  const problems: string[] = [];
  const files = [...sources(LIB.replace(/\/$/, ""))];
  assert.ok(files.length > 100);
  for (const file of files) {
    const from = folderOf(file);
    assert.ok(LAYERS.includes(from), `${file}: folder "${from}" is not in the layer list`);
    // the code, without comment lines: doc examples may show a folder used together with the layers above it
    const text = Deno.readTextFileSync(file).split("\n").filter((line) => !/^\s*(\*|\/\*|\/\/)/.test(line))
      .join("\n");
    for (const m of text.matchAll(/(?:from|import\(?)\s*"(\.{1,2}\/[^"]+)"/g)) {
      const target = new URL(m[1], `file://${file}`).pathname;
      const to = folderOf(target);
      if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) {
        problems.push(
          `${file.slice(LIB.length)} imports ${target.slice(LIB.length)} (${to} is above ${from})`,
        );
      }
      const name = target.split("/").pop()!;
      const sameFolder = target.slice(0, target.lastIndexOf("/")) === file.slice(0, file.lastIndexOf("/"));
      if (!sameFolder && to !== "." && name !== "mod.ts") {
        problems.push(`${file.slice(LIB.length)} reaches past ${to}/mod.ts into ${target.slice(LIB.length)}`);
      }
      if (
        name.startsWith("_") &&
        target.slice(0, target.lastIndexOf("/")) !== file.slice(0, file.lastIndexOf("/"))
      ) problems.push(`${file.slice(LIB.length)} imports the private ${target.slice(LIB.length)}`);
    }
  }
  assert.deepEqual(problems, []);
});

Deno.test("each lib folder has a mod.ts that re-exports its public files, documented with an example", () => {
  const folders = [...Deno.readDirSync(LIB)].filter((e) => e.isDirectory).map((e) => e.name).sort();
  assert.deepEqual(folders, LAYERS.filter((l) => l !== ".").sort());
  for (const folder of folders) {
    const mod = Deno.readTextFileSync(`${LIB}${folder}/mod.ts`);
    assert.match(
      mod,
      /^\/\*\*[\s\S]*@example[\s\S]*\*\//,
      `${folder}/mod.ts has a doc comment with an example`,
    );
    const exported = [...mod.matchAll(/export \* from "\.\/([^"]+)";/g)].map((m) => m[1]);
    const files = [...Deno.readDirSync(`${LIB}${folder}`)].map((e) => e.name).filter((n) =>
      n.endsWith(".ts") && !n.startsWith("_") && n !== "mod.ts"
    );
    const entryPoints = files.filter((n) =>
      /\bDeno\.args\b/.test(Deno.readTextFileSync(`${LIB}${folder}/${n}`))
    );
    assert.deepEqual(
      exported.sort(),
      files.filter((n) => !entryPoints.includes(n)).sort(),
      `${folder}/mod.ts re-exports every public file but the entry points`,
    );
  }
});

Deno.test("the notebooks reach the library through mod.ts files (and config.ts)", () => {
  for (const entry of Deno.readDirSync(new URL("../notebooks/", import.meta.url))) {
    if (!entry.name.endsWith(".ipynb")) continue;
    const nb = JSON.parse(Deno.readTextFileSync(new URL(`../notebooks/${entry.name}`, import.meta.url)));
    const code = nb.cells.filter((c: { cell_type: string }) => c.cell_type === "code").map((
      c: { source: string[] },
    ) => c.source.join("")).join("\n");
    for (const m of code.matchAll(/from "\.\.\/lib\/([^"]+)"/g)) {
      assert.match(m[1], /^(config\.ts|[a-z]+\/mod\.ts)$/, `${entry.name} imports lib/${m[1]}`);
    }
  }
});
