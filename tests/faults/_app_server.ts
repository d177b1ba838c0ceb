/**
 * The labelling app and the demo in a process of their own, for the fault
 * suite: the test reads this process's memory from /proc and kills it with
 * SIGKILL at the end. Usage: _app_server.ts <dataDir> <store> <annotators>;
 * prints {"port": N} once listening.
 */
import { loadAnnotators } from "../../lib/app/annotators.ts";
import { loadDemo } from "../../lib/app/demo_api.ts";
import { serveHttp } from "../../lib/app/http_front.ts";
import { appHandler } from "../../lib/app/server.ts";
import { loadConfig } from "../../lib/config.ts";
import { LabelStore } from "../../lib/labelling/store.ts";

const [dataDir, store, annotators] = Deno.args;
const config = { ...loadConfig({}), dataDir, reportDir: `${dataDir}/reports`, baseSize: 3000 };
const demo = await loadDemo(config);
serveHttp(appHandler(LabelStore.open(store), loadAnnotators(annotators), demo), {
  hostname: "127.0.0.1",
  port: 0,
  headerTimeoutMs: 500,
  bodyTimeoutMs: 500,
  idleTimeoutMs: 5000,
  log: () => {},
  onListen: (addr) => console.log(JSON.stringify({ port: addr.port })),
});
