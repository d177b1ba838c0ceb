/**
 * The HTTP front's bounds, probed with raw TCP clients as a hostile or
 * broken client would: silence, half a head, a trickled body, oversize
 * heads and bodies, and the well-behaved cases (keep-alive, chunked,
 * 100-continue, pipelining) that must keep working.
 */
import assert from "node:assert/strict";
import { serveHttp } from "../../lib/app/http_front.ts";
import { exchange } from "./_raw_http.ts";

const LIMITS = {
  port: 0,
  headerTimeoutMs: 300,
  bodyTimeoutMs: 300,
  idleTimeoutMs: 300,
  maxHeaderBytes: 2048,
  maxBodyBytes: 1000,
};

async function withServer(test: (port: number, log: string[]) => Promise<void>) {
  const log: string[] = [];
  const server = serveHttp(async (req) => {
    const body = req.body ? await req.text() : "";
    return new Response(`${req.method} ${new URL(req.url).pathname} ${body.length}`, {
      headers: { "x-test": "yes" },
    });
  }, { ...LIMITS, log: (l) => log.push(l) });
  try {
    await test(server.addr.port, log);
  } finally {
    await server.shutdown();
  }
}

Deno.test("http front: a silent connection is closed quietly and half a request head answered 408 after the header timeout", async () => {
  await withServer(async (port, log) => {
    const silent = await exchange(port, []);
    assert.ok(silent.ms < 1500, `closed after ${silent.ms} ms`);
    assert.equal(
      silent.text,
      "",
      "a connection on which nothing arrived is closed without an answer a pooled client would take for its next request's",
    );
    const half = await exchange(port, ["GET / HTTP/1.1\r\nHost: x\r\n"]);
    assert.match(half.text, /^HTTP\/1\.1 408 /);
    assert.ok(half.ms < 1500);
    assert.ok(log.some((l) => /408 request head not received within 300 ms/.test(l)), log.join("\n"));
  });
});

Deno.test("http front: a body that trickles in is cut at the body timeout", async () => {
  await withServer(async (port) => {
    const slow = await exchange(port, [
      "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\nab",
      "cd",
      "ef",
    ], 250);
    assert.match(slow.text, /^HTTP\/1\.1 408 .*\r\n[\s\S]*request body not received/);
  });
});

Deno.test("http front: oversize bodies are refused before they are read (Content-Length) or as they stream (chunked); oversize heads too", async () => {
  await withServer(async (port) => {
    const declared = await exchange(port, ["POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n"]);
    assert.match(declared.text, /^HTTP\/1\.1 413 .*\r\n[\s\S]*5000000 bytes, over 1000/);
    const chunked = await exchange(port, [
      "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
      "200\r\n" + "a".repeat(512) + "\r\n",
      "300\r\n" + "b".repeat(768) + "\r\n",
    ]);
    assert.match(chunked.text, /^HTTP\/1\.1 413 /);
    const head = await exchange(port, [`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"h".repeat(4000)}\r\n\r\n`]);
    assert.match(head.text, /^HTTP\/1\.1 431 /);
    const expect = await exchange(port, [
      "POST /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 99999\r\n\r\n",
    ]);
    assert.match(
      expect.text,
      /^HTTP\/1\.1 413 /,
      "an oversize body announced with Expect is refused without a 100 Continue",
    );
  });
});

Deno.test("http front: malformed requests get 400, unsupported encodings 501", async () => {
  await withServer(async (port) => {
    assert.match(
      (await exchange(port, ["NOT A REQUEST\r\n\r\n"])).text,
      /^HTTP\/1\.1 400 .*\r\n[\s\S]*malformed request line/,
    );
    assert.match(
      (await exchange(port, ["GET / HTTP/1.1\r\n\r\n"])).text,
      /^HTTP\/1\.1 400 .*\r\n[\s\S]*without a Host/,
    );
    assert.match(
      (await exchange(port, ["GET / HTTP/1.1\r\nHost: x\r\nbad header\r\n\r\n"])).text,
      /^HTTP\/1\.1 400 /,
    );
    assert.match(
      (await exchange(port, ["POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -4\r\n\r\n"])).text,
      /^HTTP\/1\.1 400 /,
    );
    assert.match(
      (await exchange(port, ["POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"])).text,
      /^HTTP\/1\.1 501 /,
    );
  });
});

Deno.test("http front: keep-alive, pipelining, chunked bodies and 100-continue work; an idle kept-alive connection is closed", async () => {
  await withServer(async (port) => {
    const two = await exchange(port, [
      "GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nxyz",
    ]);
    const answers = two.text.split(/(?=HTTP\/1\.1 )/);
    assert.equal(answers.length, 2, two.text);
    assert.match(
      answers[0],
      /^HTTP\/1\.1 200 OK\r\n[\s\S]*x-test: yes\r\n[\s\S]*content-length: 8\r\n[\s\S]*connection: keep-alive\r\n\r\nGET \/a 0$/,
    );
    assert.match(answers[1], /\r\n\r\nPOST \/b 3$/);
    assert.ok(two.ms < 1500, "the idle connection was closed after the idle timeout");
    const chunked = await exchange(port, [
      "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n4\r\nabcd\r\n3;ext=1\r\nefg\r\n0\r\n\r\n",
    ]);
    assert.match(chunked.text, /\r\n\r\nPOST \/c 7$/);
    const cont = await exchange(port, [
      "POST /d HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\nConnection: close\r\n\r\n",
      "ok",
    ], 50);
    assert.match(cont.text, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK[\s\S]*POST \/d 2$/);
    const head = await exchange(port, ["HEAD /e HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"]);
    assert.match(head.text, /^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\n$/);
  });
});

Deno.test("http front: fetch, the client the app's tests and users' scripts use, works through it", async () => {
  await withServer(async (port) => {
    const r = await fetch(`http://127.0.0.1:${port}/api/x?q=1`, { method: "PUT", body: "hello" });
    assert.equal(r.status, 200);
    assert.equal(await r.text(), "PUT /api/x 5");
  });
});
