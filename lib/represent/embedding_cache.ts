/**
 * An on-disk cache of text embeddings keyed by (model, text hash), so that
 * re-running a notebook does not re-embed: one SQLite file (node:sqlite, WAL)
 * under the data folder, safe to delete.
 *
 * @example
 * ```ts
 * import { EmbeddingCache } from "./embedding_cache.ts";
 * declare const vector: Float32Array;
 * const cache = new EmbeddingCache("data/cache/embeddings.sqlite");
 * cache.putMany("model-id", [["Vous êtes autonome.", vector]]);
 * cache.get("model-id", "Vous êtes autonome."); // Float32Array or undefined
 * ```
 */
import { DatabaseSync } from "node:sqlite";
import { textHash } from "../corpus/mod.ts";

/** The cache key of a text: a 53-bit hash and the length. */
export function textKey(text: string): string {
  return `${textHash(text).toString(36)}:${text.length}`;
}

export class EmbeddingCache {
  private db: DatabaseSync;
  private getStatement;
  private putStatement;

  constructor(readonly path: string) {
    Deno.mkdirSync(path.slice(0, path.lastIndexOf("/")) || ".", { recursive: true });
    this.db = new DatabaseSync(path);
    this.db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS embeddings (model TEXT NOT NULL, key TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, key))",
    );
    this.getStatement = this.db.prepare("SELECT vector FROM embeddings WHERE model = ? AND key = ?");
    this.putStatement = this.db.prepare(
      "INSERT OR REPLACE INTO embeddings (model, key, vector) VALUES (?, ?, ?)",
    );
  }

  /** The cached vector of a text for a model, or undefined. */
  get(model: string, text: string): Float32Array | undefined {
    const row = this.getStatement.get(model, textKey(text)) as { vector: Uint8Array } | undefined;
    if (!row) return undefined;
    const bytes = row.vector;
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }

  /** Stores vectors (one transaction). */
  putMany(model: string, entries: [string, Float32Array][]) {
    this.db.exec("BEGIN");
    try {
      for (const [text, vector] of entries) {
        this.putStatement.run(
          model,
          textKey(text),
          new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength),
        );
      }
      this.db.exec("COMMIT");
    } catch (e) {
      this.db.exec("ROLLBACK");
      throw e;
    }
  }

  /** Number of vectors stored for a model. */
  count(model: string): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM embeddings WHERE model = ?").get(model) as {
      n: number;
    }).n;
  }

  close() {
    this.db.close();
  }
}
