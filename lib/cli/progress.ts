/**
 * A progress bar on standard error for long commands: count, rate and ETA,
 * redrawn at most every 200 ms; silent when stderr is not a terminal unless
 * JOBS_PROGRESS=1 (then one line every 10 %).
 *
 * @example
 * ```ts
 * const tick = progressBar("generate");
 * tick(500, 1000); // generate  50.0 %  500/1000  2 345/s  ETA 0 s
 * ```
 */

/** Returns a callback (done, total) that draws the bar. */
export function progressBar(label: string): (done: number, total: number | null) => void {
  const started = performance.now();
  const tty = Deno.stderr.isTerminal();
  const forced = Deno.env.get("JOBS_PROGRESS") === "1";
  let last = 0;
  let lastDecile = -1;
  const encoder = new TextEncoder();
  return (done, total) => {
    const now = performance.now();
    const finished = total !== null && done >= total;
    const decile = total ? Math.floor((10 * done) / total) : -1;
    if (!tty && !(forced && decile !== lastDecile)) return;
    if (tty && now - last < 200 && !finished) return;
    last = now;
    lastDecile = decile;
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const share = total ? ` ${((100 * done) / total).toFixed(1).padStart(5)} %` : "";
    const eta = total && rate > 0 ? `  ETA ${Math.ceil((total - done) / rate)} s` : "";
    const line = `${label}${share}  ${done}${total ? "/" + total : ""}  ${Math.round(rate)}/s${eta}`;
    Deno.stderr.writeSync(encoder.encode(tty ? `\r${line}\x1b[K${finished ? "\n" : ""}` : line + "\n"));
  };
}
