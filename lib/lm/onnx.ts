/**
 * Writes ONNX models: a minimal Protocol Buffers encoder for the few ONNX
 * messages a feed-forward graph needs (ModelProto, GraphProto, NodeProto,
 * AttributeProto, TensorProto, ValueInfoProto) and a small graph builder.
 * Field numbers follow onnx/onnx.proto (IR version 8, opset 17).
 *
 * @example
 * ```ts
 * import { OnnxGraph } from "./onnx.ts";
 * const g = new OnnxGraph();
 * g.input("x", "float", ["batch", 4]);
 * const w = g.constant("w", new Float32Array(8), [4, 2]);
 * g.output(g.node("MatMul", ["x", w], {}, "y"), "float", ["batch", 2]);
 * await Deno.writeFile("model.onnx", g.toModel("demo"));
 * ```
 */

/** Protobuf wire encoding of one message. */
class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private length = 0;

  private push(bytes: Uint8Array) {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  private varint(value: bigint) {
    let v = BigInt.asUintN(64, value);
    const out: number[] = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v) byte |= 0x80;
      out.push(byte);
    } while (v);
    this.push(Uint8Array.from(out));
  }

  private tag(field: number, wire: number) {
    this.varint(BigInt((field << 3) | wire));
  }

  int(field: number, value: number | bigint): this {
    this.tag(field, 0);
    this.varint(BigInt(value));
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.push(b);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.varint(BigInt(value.length));
    this.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, value: ProtoWriter): this {
    return this.bytes(field, value.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const c of this.chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  }
}

/** ONNX element types used here. */
const ELEMENT = { float: 1, int64: 7 } as const;
export type ElementType = keyof typeof ELEMENT;

/** An attribute value: number (INT unless `float()`), float, string or list of ints. */
export type AttributeValue = number | string | number[] | { float: number };

/** Marks a number as a FLOAT attribute (numbers are INT by default). */
export function float(value: number): { float: number } {
  return { float: value };
}

function tensorProto(
  name: string,
  type: ElementType,
  dims: number[],
  data: Float32Array | BigInt64Array,
): ProtoWriter {
  const t = new ProtoWriter();
  for (const d of dims) t.int(1, d);
  t.int(2, ELEMENT[type]);
  t.string(8, name);
  const raw = new Uint8Array(data.byteLength);
  const view = new DataView(raw.buffer);
  if (data instanceof Float32Array) data.forEach((v, i) => view.setFloat32(4 * i, v, true));
  else data.forEach((v, i) => view.setBigInt64(8 * i, v, true));
  return t.bytes(9, raw);
}

function valueInfo(name: string, type: ElementType, dims: (number | string)[]): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of dims) {
    shape.message(1, typeof d === "number" ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  }
  const tensorType = new ProtoWriter().int(1, ELEMENT[type]).message(2, shape);
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
}

function attribute(name: string, value: AttributeValue): ProtoWriter {
  const a = new ProtoWriter().string(1, name);
  if (typeof value === "number") return a.int(3, value).int(20, 2);
  if (typeof value === "string") return a.string(4, value).int(20, 3);
  if (Array.isArray(value)) {
    for (const v of value) a.int(8, v);
    return a.int(20, 7);
  }
  return a.float(2, value.float).int(20, 1);
}

/** A graph under construction: nodes in topological order, initialisers, inputs and outputs. */
export class OnnxGraph {
  private nodes: ProtoWriter[] = [];
  private initializers: ProtoWriter[] = [];
  private inputs: ProtoWriter[] = [];
  private outputs: ProtoWriter[] = [];
  private names = new Set<string>();
  private counter = 0;

  private fresh(base: string): string {
    let name = base;
    while (this.names.has(name)) name = `${base}_${++this.counter}`;
    this.names.add(name);
    return name;
  }

  /** Declares a graph input; dimensions are sizes or symbolic names. */
  input(name: string, type: ElementType, dims: (number | string)[]): string {
    this.names.add(name);
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  /** Declares a graph output (an existing value). */
  output(name: string, type: ElementType, dims: (number | string)[]): void {
    this.outputs.push(valueInfo(name, type, dims));
  }

  /** Adds a constant tensor (float32 values, or int64 from a list of integers); returns its name. */
  constant(name: string, values: Float32Array | number[], dims: number[]): string {
    const unique = this.fresh(name);
    const data = values instanceof Float32Array ? values : BigInt64Array.from(values.map((v) => BigInt(v)));
    this.initializers.push(
      tensorProto(unique, values instanceof Float32Array ? "float" : "int64", dims, data),
    );
    return unique;
  }

  /** Adds one node; returns the name of its (first) output. */
  node(
    op: string,
    inputs: string[],
    attributes: Record<string, AttributeValue> = {},
    output = op.toLowerCase(),
  ): string {
    const out = this.fresh(output);
    const n = new ProtoWriter();
    for (const i of inputs) n.string(1, i);
    n.string(2, out).string(3, `${op}_${this.nodes.length}`).string(4, op);
    for (const [k, v] of Object.entries(attributes)) n.message(5, attribute(k, v));
    this.nodes.push(n);
    return out;
  }

  /** The serialised ModelProto. */
  toModel(graphName: string, producer = "jobs-research"): Uint8Array {
    const graph = new ProtoWriter();
    for (const n of this.nodes) graph.message(1, n);
    graph.string(2, graphName);
    for (const t of this.initializers) graph.message(5, t);
    for (const i of this.inputs) graph.message(11, i);
    for (const o of this.outputs) graph.message(12, o);
    return new ProtoWriter()
      .int(1, 8)
      .string(2, producer)
      .message(7, graph)
      .message(8, new ProtoWriter().string(1, "").int(2, 17))
      .finish();
  }
}
