import { ROOT } from "../config.ts";
import { inlinePlotly } from "./figures.ts";

/**
 * Executing notebooks headless with Jupyter's nbconvert and the Deno
 * kernel, finding the cells that failed, and rendering them to HTML.
 *
 * @example
 * ```ts
 * import { executeNotebook } from "./notebooks.ts";
 * const run = await executeNotebook("notebooks/01_descriptive_stats.ipynb", "reports");
 * run.errors; // [] when every cell ran
 * ```
 */

/** A notebook's stage metadata (`metadata.jobs` in the .ipynb). */
export interface NotebookMeta {
  stage: number;
  title: string;
  /** "pending" while the stage is not built yet, "partial" while part of it is. */
  status: "done" | "partial" | "pending";
}

/** A cell that raised. */
export interface CellError {
  notebook: string;
  /** 1-based position of the cell in the notebook. */
  cell: number;
  id: string;
  ename: string;
  evalue: string;
  /** First line of the cell's source. */
  source: string;
}

/** What running one notebook gave. */
export interface NotebookRun {
  notebook: string;
  meta: NotebookMeta;
  html: string;
  executed: string;
  seconds: number;
  errors: CellError[];
}

/** Reads the stage metadata of a notebook file. */
export function notebookMeta(path: string): NotebookMeta {
  const nb = JSON.parse(Deno.readTextFileSync(path));
  const meta = nb.metadata?.jobs;
  if (!meta || typeof meta.stage !== "number" || typeof meta.title !== "string") {
    throw new Error(`${path}: metadata.jobs {stage, title, status} is missing`);
  }
  const status = meta.status === "pending" || meta.status === "partial" ? meta.status : "done";
  return { stage: meta.stage, title: meta.title, status };
}

/** The error outputs of an executed notebook, with the cell that raised each. */
export function cellErrors(executedPath: string, name: string): CellError[] {
  const nb = JSON.parse(Deno.readTextFileSync(executedPath));
  const errors: CellError[] = [];
  (nb.cells as {
    id?: string;
    cell_type: string;
    source: string | string[];
    outputs?: Record<string, unknown>[];
  }[])
    .forEach((cell, i) => {
      for (const out of cell.outputs ?? []) {
        if (out.output_type === "error") {
          const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
          errors.push({
            notebook: name,
            cell: i + 1,
            id: cell.id ?? "",
            ename: String(out.ename ?? "Error"),
            evalue: String(out.evalue ?? ""),
            source: source.split("\n").find((l) => l.trim() !== "") ?? "",
          });
        }
      }
    });
  return errors;
}

async function jupyter(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  // This project's own Deno kernel spec (written by scripts/bootstrap.sh) comes first.
  const jupyterPath = [`${ROOT}/.tools/jupyter`, env.JUPYTER_PATH ?? Deno.env.get("JUPYTER_PATH")].filter(
    Boolean,
  ).join(":");
  const { code, stdout, stderr } = await new Deno.Command("jupyter", {
    args,
    env: { ...env, JUPYTER_PATH: jupyterPath },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return {
    code,
    output: (decode(stdout) + decode(stderr)).split("\n").filter((l) =>
      !/Debugger warning|frozen modules|Xfrozen_modules|PYDEVD_DISABLE|Debugging will proceed|unstable and might change/
        .test(l)
    ).join("\n"),
  };
}

/**
 * Executes a notebook (errors kept in the output rather than stopping
 * nbconvert), writes the executed copy to `<outDir>/executed/` and its HTML
 * rendering to `<outDir>/<name>.html`.
 */
export async function executeNotebook(
  path: string,
  outDir: string,
  env: Record<string, string> = {},
  timeoutSeconds = 3600,
): Promise<NotebookRun> {
  const name = path.split("/").pop()!.replace(/\.ipynb$/, "");
  const meta = notebookMeta(path);
  const executedDir = `${outDir}/executed`;
  await Deno.mkdir(executedDir, { recursive: true });
  const started = performance.now();
  const fullEnv = { ...Deno.env.toObject(), ...env, PYDEVD_DISABLE_FILE_VALIDATION: "1" };
  const exec = await jupyter([
    "nbconvert",
    "--to",
    "notebook",
    "--execute",
    "--allow-errors",
    `--ExecutePreprocessor.timeout=${timeoutSeconds}`,
    "--ExecutePreprocessor.kernel_name=deno",
    "--output-dir",
    executedDir,
    "--output",
    `${name}.ipynb`,
    path,
  ], fullEnv);
  const executed = `${executedDir}/${name}.ipynb`;
  if (exec.code !== 0) {
    return {
      notebook: name,
      meta,
      html: "",
      executed,
      seconds: (performance.now() - started) / 1000,
      errors: [{
        notebook: name,
        cell: 0,
        id: "",
        ename: "ExecutionFailed",
        evalue: exec.output.trim().split("\n").slice(-15).join("\n"),
        source: "",
      }],
    };
  }
  const errors = cellErrors(executed, name);
  const html = await jupyter([
    "nbconvert",
    "--to",
    "html",
    "--output-dir",
    outDir,
    "--output",
    `${name}.html`,
    executed,
  ], fullEnv);
  if (html.code !== 0) throw new Error(`rendering ${name} to HTML failed:\n${html.output}`);
  const page = `${outDir}/${name}.html`;
  await Deno.writeTextFile(page, inlinePlotly(await Deno.readTextFile(page)));
  return {
    notebook: name,
    meta,
    html: `${name}.html`,
    executed,
    seconds: (performance.now() - started) / 1000,
    errors,
  };
}

/** The notebooks of a folder in stage order (NN_name.ipynb). */
export function listNotebooks(dir: string): string[] {
  return [...Deno.readDirSync(dir)].filter((e) => e.isFile && /^\d\d_.*\.ipynb$/.test(e.name)).map((e) =>
    `${dir}/${e.name}`
  ).sort();
}

/** One line naming a failed cell, for the command's error message. */
export function describeError(e: CellError): string {
  if (e.cell === 0) return `notebook ${e.notebook}.ipynb could not be executed:\n${e.evalue}`;
  return `notebook ${e.notebook}.ipynb, cell ${e.cell}${
    e.id ? ` (id "${e.id}")` : ""
  }: ${e.ename}: ${e.evalue}\n    > ${e.source}`;
}
