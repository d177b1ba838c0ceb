import assert from "node:assert/strict";
import { main } from "../../lib/cli/main.ts";
import { parseArgs, UsageError } from "../../lib/cli/args.ts";
import { parseMapping } from "../../lib/cli/inspect.ts";
import { capture, readJsonl, tempDir, writeFixture } from "../_helpers.ts";

Deno.test("jobs --help lists every command with its options", async () => {
  const { code, out } = await capture(() => main(["--help"]));
  assert.equal(code, 0);
  for (const s of ["inspect", "generate", "--quarantine", "--format", "--seed"]) {
    assert.ok(out.includes(s), s);
  }
});

Deno.test("jobs generate then inspect: counts, duplicates, dates and missing shares as JSON", async () => {
  const dir = await tempDir();
  const gen = await capture(() => main(["generate", "--n", "300", "--seed", "3", "--out", `${dir}/g.csv`]));
  assert.equal(gen.code, 0);
  assert.equal(JSON.parse(gen.out).offers, 300);
  const { code, out } = await capture(() => main(["inspect", `${dir}/g.csv`]));
  assert.equal(code, 0);
  const result = JSON.parse(out);
  for (
    const key of [
      "read",
      "kept",
      "quarantined",
      "quarantine_reasons",
      "duplicates",
      "date_range",
      "missing_share",
    ]
  ) assert.ok(key in result, key);
  assert.equal(result.read, 300);
  assert.equal(result.format, "jocas csv");
  assert.ok(result.duplicates.exact > 0);
  assert.ok(result.missing_share.salaryMin > 0.5);
});

Deno.test("jobs inspect quarantines bad records and fails clearly on unreadable input", async () => {
  const dir = await tempDir();
  const csv = await writeFixture(
    dir,
    "bad.csv",
    "id,text,date\n1,ok,2020-01-01\n2,,2020-01-01\n3,ok,2020-02-31\n",
  );
  const q = `${dir}/q.jsonl`;
  const { code, out } = await capture(() => main(["inspect", csv, "--quarantine", q]));
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(out).quarantine_reasons, { "missing text": 1, "impossible date": 1 });
  assert.deepEqual((await readJsonl(q)).map((e) => e.line), [3, 4]);
  const missing = await capture(() => main(["inspect", `${dir}/absent.csv`]));
  assert.equal(missing.code, 1);
  assert.match(missing.err, /absent\.csv: cannot be read/);
  const wrong = await capture(() => main(["inspect", csv, "--format", "jocas"]));
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /missing column\(s\) ID_JOCAS.*columns found: id, text, date/);
  const long = await writeFixture(
    dir,
    "long.csv",
    `id,text,date\n1,${"x".repeat(1200)},2020-01-01\n2,ok,2020-01-01\n`,
  );
  const capped = await capture(() => main(["inspect", long, "--max-record-mb", "0.001"]));
  assert.equal(capped.code, 0);
  assert.deepEqual([JSON.parse(capped.out).kept, JSON.parse(capped.out).quarantined], [1, 1]);
  const badCap = await capture(() => main(["inspect", long, "--max-record-mb", "zero"]));
  assert.equal(badCap.code, 2);
  assert.match(badCap.err, /--max-record-mb must be a positive number/);
  const usage = await capture(() => main(["inspect", csv, "--bogus"]));
  assert.equal(usage.code, 2);
  assert.match(usage.err, /unknown option --bogus/);
});

Deno.test("jobs evaluate: a curve share outside (0, 1) is a usage error before anything is read", async () => {
  for (const bad of ["1.5", "0", "half"]) {
    const { code, err } = await capture(() => main(["evaluate", "--curve", `0.25,${bad}`]));
    assert.equal(code, 2);
    assert.match(err, new RegExp(`--curve takes shares between 0 and 1, got ${bad}`));
  }
});

Deno.test("argument parsing: values, flags, inline values, mappings", () => {
  const spec = { summary: "", usage: "", options: { out: "", n: "", quick: "" }, positional: 1 };
  assert.deepEqual(parseArgs(["f", "--out", "o", "--n=3", "--quick"], spec), {
    options: { out: "o", n: "3", quick: true },
    positional: ["f"],
  });
  assert.throws(() => parseArgs([], spec), UsageError);
  assert.deepEqual(parseMapping("id=ref, text=body"), { id: "ref", text: "body" });
  assert.throws(() => parseMapping("id"), /field=column/);
});

Deno.test("jobs lm-train pre-trains on a file and writes a Hugging Face folder; a wrong --arch is a usage error", async () => {
  const dir = await tempDir();
  await capture(() => main(["generate", "--n", "120", "--seed", "3", "--out", `${dir}/offers.jsonl`]));
  const { code, out } = await capture(() =>
    main([
      "lm-train",
      `${dir}/offers.jsonl`,
      "--out",
      `${dir}/lm`,
      "--arch",
      "tiny",
      "--steps",
      "4",
      "--batch",
      "8",
      "--max-length",
      "32",
      "--vocab",
      "800",
    ])
  );
  assert.equal(code, 0);
  const summary = JSON.parse(out);
  assert.equal(summary.offers, 120);
  assert.equal(summary.steps, 4);
  assert.ok(summary.held_out_loss < summary.held_out_loss_untrained, out);
  for (
    const f of ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx", "training.json"]
  ) await Deno.stat(`${dir}/lm/${f}`);
  const variant = await capture(() =>
    main([
      "lm-train",
      `${dir}/offers.jsonl`,
      "--out",
      `${dir}/lm2`,
      "--arch",
      "tiny",
      "--steps",
      "4",
      "--batch",
      "8",
      "--max-length",
      "32",
      "--vocab",
      "800",
      "--long-phase",
      "0.5",
      "--long-length",
      "64",
      "--whole-word-masking",
    ])
  );
  assert.equal(variant.code, 0, variant.err);
  const options = JSON.parse(await Deno.readTextFile(`${dir}/lm2/training.json`)).options;
  assert.deepEqual([options.wholeWordMasking, options.longPhaseShare, options.longLength], [true, 0.5, 64]);
  assert.equal(JSON.parse(await Deno.readTextFile(`${dir}/lm2/tokenizer_config.json`)).model_max_length, 64);
  const bad = await capture(() =>
    main(["lm-train", `${dir}/offers.jsonl`, "--out", `${dir}/x`, "--arch", "huge"])
  );
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--arch must be tiny or small, got huge/);
  await Deno.remove(dir, { recursive: true });
});
