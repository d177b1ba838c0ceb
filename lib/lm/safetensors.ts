/**
 * Reads and writes float32 tensors in the safetensors format (8-byte
 * little-endian header length, JSON header of names → dtype, shape and byte
 * offsets, then the raw data), the format Hugging Face uses for weights.
 *
 * @example
 * ```ts
 * import { readSafetensors, writeSafetensors } from "./safetensors.ts";
 * await writeSafetensors("w.safetensors", new Map([["a", { shape: [2], values: Float32Array.of(1, 2) }]]), { step: "10" });
 * (await readSafetensors("w.safetensors")).tensors.get("a")!.values; // Float32Array [1, 2]
 * ```
 */
import { writeAtomically } from "../base/mod.ts";

export interface NamedTensor {
  shape: number[];
  values: Float32Array;
}

/** Serialises tensors (in the map's order) and string metadata. */
export function encodeSafetensors(
  tensors: Map<string, NamedTensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, t] of tensors) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (size !== t.values.length) {
      throw new Error(`safetensors: "${name}" has ${t.values.length} values for shape [${t.shape}]`);
    }
    header[name] = { dtype: "F32", shape: t.shape, data_offsets: [offset, offset + 4 * size] };
    offset += 4 * size;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (json.length % 8)) % 8); // keeps the data 8-byte aligned
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const t of tensors.values()) {
    for (let i = 0; i < t.values.length; i++) view.setFloat32(at + 4 * i, t.values[i], true);
    at += 4 * t.values.length;
  }
  return out;
}

/** Parses a safetensors file's bytes (float32 tensors only); `source` names the file in errors. */
export function decodeSafetensors(
  bytes: Uint8Array,
  source = "safetensors",
): { tensors: Map<string, NamedTensor>; metadata: Record<string, string> } {
  if (bytes.length < 8) throw new Error(`${source}: too short to be a safetensors file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headLength = Number(view.getBigUint64(0, true));
  if (8 + headLength > bytes.length) {
    throw new Error(`${source}: header length ${headLength} runs past the end of the file (truncated?)`);
  }
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headLength)));
  const tensors = new Map<string, NamedTensor>();
  const base = 8 + headLength;
  for (const [name, info] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const { dtype, shape, data_offsets: [start, end] } = info as {
      dtype: string;
      shape: number[];
      data_offsets: [number, number];
    };
    if (dtype !== "F32") throw new Error(`${source}: tensor "${name}" is ${dtype}; only F32 is read`);
    if (base + end > bytes.length) {
      throw new Error(`${source}: tensor "${name}" runs past the end of the file (truncated?)`);
    }
    const values = new Float32Array((end - start) / 4);
    for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(base + start + 4 * i, true);
    tensors.set(name, { shape, values });
  }
  return { tensors, metadata: header.__metadata__ ?? {} };
}

/** Writes a safetensors file atomically (temporary name, then rename). */
export async function writeSafetensors(
  path: string,
  tensors: Map<string, NamedTensor>,
  metadata: Record<string, string> = {},
) {
  const bytes = encodeSafetensors(tensors, metadata);
  await writeAtomically(path, (tmp) => Deno.writeFile(tmp, bytes));
}

/**
 * The values of the tensors whose names start with `prefix`, keyed by the
 * rest of the name (a checkpoint holds "param.", "adam_m." and "adam_v.").
 *
 * @example
 * ```ts
 * declare const path: any; // your data
 * withPrefix((await readSafetensors(path)).tensors, "param."); // Map { "embeddings.word_embeddings.weight" => Float32Array, ... }
 * ```
 */
export function withPrefix(tensors: Map<string, NamedTensor>, prefix: string): Map<string, Float32Array> {
  return new Map(
    [...tensors].filter(([n]) => n.startsWith(prefix)).map(([n, t]) => [n.slice(prefix.length), t.values]),
  );
}

/** Reads a safetensors file. */
export async function readSafetensors(path: string) {
  return decodeSafetensors(await Deno.readFile(path), path);
}
