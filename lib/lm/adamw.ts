/**
 * AdamW (Loshchilov & Hutter) over a map of tfjs tensors, with clipping by
 * global gradient norm and the learning-rate schedule BERT uses (linear
 * warm-up, then linear decay to zero). Biases and layer-norm parameters are
 * not decayed. The moments are plain tensors so that a checkpoint can save
 * and restore them exactly.
 *
 * @example
 * ```ts
 * import { AdamW, warmupLinear } from "./adamw.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const model: any; // your data
 * declare const batch: any; // your data
 * declare const positions: any; // your data
 * declare const labels: LabelRecord[];
 * declare const step: any; // your data
 * const opt = new AdamW(model.params, { weightDecay: 0.01 });
 * const loss = opt.step((p) => model.mlmLoss(batch, positions, labels, p), warmupLinear(step, 1e-3, 100, 1000));
 * ```
 */
import { tf } from "./tf_backend.ts";

/** Learning rate at `step` (0-based): linear warm-up over `warmup` steps, then linear decay to 0 at `total`. */
export function warmupLinear(step: number, peak: number, warmup: number, total: number): number {
  if (step < warmup) return (peak * (step + 1)) / warmup;
  return peak * Math.max(0, (total - step) / Math.max(1, total - warmup));
}

/** Options of {@link AdamW}. */
export interface AdamWOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Decoupled weight decay of matrices and embeddings. @default 0.01 */
  weightDecay?: number;
  /** Gradients are scaled down when their global L2 norm exceeds this. @default 1 */
  clipNorm?: number;
}

/** The optimiser: parameters, first and second moments, step count. */
export class AdamW {
  readonly m = new Map<string, tf.Tensor>();
  readonly v = new Map<string, tf.Tensor>();
  t = 0;
  private o: Required<AdamWOptions>;

  constructor(readonly params: Map<string, tf.Tensor>, options: AdamWOptions = {}) {
    this.o = { beta1: 0.9, beta2: 0.999, epsilon: 1e-6, weightDecay: 0.01, clipNorm: 1, ...options };
    for (const [name, p] of params) {
      this.m.set(name, tf.zerosLike(p));
      this.v.set(name, tf.zerosLike(p));
    }
  }

  /** One update with the gradient of `loss`; returns the loss value and the gradient norm before clipping. */
  step(
    loss: (params: Map<string, tf.Tensor>) => tf.Scalar,
    learningRate: number,
  ): { loss: number; gradNorm: number } {
    const names = [...this.params.keys()];
    const { beta1, beta2, epsilon, weightDecay, clipNorm } = this.o;
    this.t++;
    const c1 = 1 - beta1 ** this.t, c2 = 1 - beta2 ** this.t;
    const fresh = new Map<string, tf.Tensor>();
    const [value, norm] = tf.tidy(() => {
      const f = (...ts: tf.Tensor[]) => loss(new Map(names.map((n, i) => [n, ts[i]])));
      const { value, grads } = tf.valueAndGrads(f)(names.map((n) => this.params.get(n)!));
      const norm = tf.sqrt(tf.addN(grads.map((g) => g.square().sum())));
      const scale = tf.minimum(1, tf.div(clipNorm, norm.add(1e-12)));
      names.forEach((name, i) => {
        const g = grads[i].mul(scale);
        const m = this.m.get(name)!.mul(beta1).add(g.mul(1 - beta1));
        const v = this.v.get(name)!.mul(beta2).add(g.square().mul(1 - beta2));
        const p = this.params.get(name)!;
        let update = m.div(c1).div(v.div(c2).sqrt().add(epsilon));
        if (p.rank === 2 && weightDecay > 0) update = update.add(p.mul(weightDecay));
        fresh.set(`p:${name}`, tf.keep(p.sub(update.mul(learningRate))));
        fresh.set(`m:${name}`, tf.keep(m));
        fresh.set(`v:${name}`, tf.keep(v));
      });
      return [value, norm];
    });
    const result = { loss: value.dataSync()[0], gradNorm: norm.dataSync()[0] };
    value.dispose();
    norm.dispose();
    for (const name of names) {
      for (const [prefix, map] of [["p", this.params], ["m", this.m], ["v", this.v]] as const) {
        map.get(name)!.dispose();
        map.set(name, fresh.get(`${prefix}:${name}`)!);
      }
    }
    return result;
  }

  /** The moments' values (for a checkpoint). */
  state(): { t: number; m: Map<string, Float32Array>; v: Map<string, Float32Array> } {
    const read = (map: Map<string, tf.Tensor>) =>
      new Map([...map].map(([n, x]) => [n, x.dataSync() as Float32Array]));
    return { t: this.t, m: read(this.m), v: read(this.v) };
  }

  /** Restores moments saved by {@link state}. */
  restore(state: { t: number; m: Map<string, Float32Array>; v: Map<string, Float32Array> }) {
    this.t = state.t;
    for (const [prefix, map] of [["m", this.m], ["v", this.v]] as const) {
      for (const [name, old] of map) {
        const values = state[prefix].get(name);
        if (!values || values.length !== old.size) {
          throw new Error(`optimiser state: "${prefix}:${name}" missing or of the wrong size`);
        }
        map.set(name, tf.tensor(values, old.shape, "float32"));
        old.dispose();
      }
    }
  }

  dispose() {
    for (const map of [this.m, this.v]) for (const x of map.values()) x.dispose();
  }
}
