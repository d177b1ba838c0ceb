/**
 * Whether a finished partition's files are what its marker says: the data
 * file's size and SHA-256, its row count against the marker's `kept`, the
 * marker's counts against each other and against the quarantine file. A
 * resumed `label-all` redoes a partition that fails; a reader refuses it,
 * naming the file and what differs.
 *
 * @example
 * ```ts
 * import { checkPartition } from "./partition_check.ts";
 * const check = await checkPartition("data/labelled", "00000-0000", "parquet");
 * if (!check.marker) console.error(check.problem);
 * ```
 */
import { countByte, exists, parquetRowCount, readJsonFile, sha256File } from "../base/mod.ts";
import { partitionFiles, type PartitionOutput, type PartitionReport } from "./label_partition.ts";

/** A partition that checks out (its marker), or what is wrong with it (absent: no marker yet). */
export type PartitionCheck = { marker: PartitionReport; problem?: undefined } | {
  marker?: undefined;
  problem: string | null;
};

/** Checks one partition of an output folder; see the module doc. `problem` is null when the partition has no marker (not done). */
export async function checkPartition(
  outDir: string,
  id: string,
  output: PartitionOutput = "parquet",
): Promise<PartitionCheck> {
  const files = partitionFiles(outDir, id, output);
  if (!(await exists(files.marker))) return { problem: null };
  let marker: PartitionReport;
  try {
    marker = await readJsonFile<PartitionReport>(files.marker);
  } catch (e) {
    return { problem: (e as Error).message };
  }
  const problem = await markerProblem(marker, files, output);
  return problem ? { problem } : { marker };
}

async function markerProblem(
  marker: PartitionReport,
  files: ReturnType<typeof partitionFiles>,
  output: PartitionOutput,
): Promise<string | null> {
  if (!marker.output) return `${files.marker} records no output size and hash (written by an older version)`;
  const counts = [marker.read, marker.kept, marker.quarantined];
  if (
    !counts.every((n) => Number.isInteger(n) && n >= 0) || marker.read !== marker.kept + marker.quarantined
  ) {
    return `${files.marker}: its counts do not add up (read ${marker.read}, kept ${marker.kept}, quarantined ${marker.quarantined})`;
  }
  const reasons = Object.values(marker.quarantine_reasons ?? {}).reduce((a, b) => a + b, 0);
  if (reasons !== marker.quarantined) {
    return `${files.marker}: its quarantine reasons count ${reasons} records, its total ${marker.quarantined}`;
  }
  const size = await Deno.stat(files.data).then((s) => s.size, () => -1);
  if (size < 0) return `${files.data} is missing`;
  if (size !== marker.output.bytes) {
    return `${files.data} holds ${size} bytes, its marker recorded ${marker.output.bytes}`;
  }
  if ((await sha256File(files.data)) !== marker.output.sha256) {
    return `${files.data} does not match the SHA-256 its marker recorded`;
  }
  const rows = output === "jsonl" ? await countLines(files.data) : parquetRowCount(files.data);
  if (rows !== marker.kept) {
    return `${files.data} holds ${rows} rows, its marker says ${marker.kept} offers were kept`;
  }
  const quarantined = (await exists(files.quarantine)) ? await countLines(files.quarantine) : 0;
  if (quarantined !== marker.quarantined) {
    return `${files.quarantine} holds ${quarantined} records, its marker says ${marker.quarantined}`;
  }
  return null;
}

const countLines = async (path: string) => countByte(await Deno.readFile(path), 0x0a);
