// client-check-http.mjs - the checks of client-check.mjs (same steps, same PASS/FAIL lines) with the official TS SDK (1.32.x)
// Client over Streamable HTTP, plus the HTTP-only ones: no token and a wrong token are refused with 401.
// This file is the project's own (client-check.mjs beside it is a copy from shared/ and is not edited); it lives
// here so that it resolves the same node_modules.
//   MCP_TOKEN=... node client-check-http.mjs http://127.0.0.1:8080/mcp
// env: MCP_TOKEN (bearer token), CALL_TOOL / CALL_ARGS, ERROR_TOOL / ERROR_ARGS, STRICT=1 as in client-check.mjs;
//      NODE_TLS_REJECT_UNAUTHORIZED=0 for a self-signed test certificate.
import Ajv from "ajv"; import Ajv2020 from "ajv/dist/2020.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { EmptyResultSchema, SUPPORTED_PROTOCOL_VERSIONS } from "@modelcontextprotocol/sdk/types.js";

const url = new URL(process.argv.slice(2).find((a) => /^https?:\/\//.test(a)) ?? "http://127.0.0.1:8080/mcp");
const bearer = (token) => ({ requestInit: { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } } });
let pass = 0, fail = 0;
const check = (name, ok, info = "") => { ok ? pass++ : fail++; console.log(`${ok ? "PASS" : "FAIL"} ${name}${info ? ` - ${info}` : ""}`); };
const attempt = async (f) => { try { return { r: await f() }; } catch (e) { return { e }; } };
const ajv7 = new Ajv({ strict: false }), ajv20 = new Ajv2020({ strict: false });

for (const [name, token] of [["no token", undefined], ["wrong token", "not-a-valid-token"]]) {
  const c = new Client({ name: "client-check-http", version: "1.0.0" });
  const { e } = await attempt(() => c.connect(new StreamableHTTPClientTransport(url, bearer(token)), { timeout: 10000 }));
  check(`${name} -> 401`, e?.code === 401 || /\b401\b/.test(e?.message ?? ""), e ? `${e.code ?? ""} ${e.message}`.slice(0, 90) : "connected");
  await c.close().catch(() => {});
}

const transport = new StreamableHTTPClientTransport(url, bearer(process.env.MCP_TOKEN));
const client = new Client({ name: "client-check-http", version: "1.0.0" });
try {
  await client.connect(transport, { timeout: 10000 }); // initialize + notifications/initialized
  const proto = transport.protocolVersion;
  check("initialize", SUPPORTED_PROTOCOL_VERSIONS.includes(proto), `${client.getServerVersion()?.name} protocolVersion=${proto} session=${transport.sessionId ? "yes" : "no"}`);
  check("ping", !(await attempt(() => client.ping())).e);
  const tools = []; let cursor, pages = 0;
  do { const r = await client.listTools(cursor ? { cursor } : undefined); tools.push(...r.tools); cursor = r.nextCursor; } while (cursor && ++pages < 100);
  check("tools/list", tools.length > 0, `${tools.length} tools, ${pages + 1} page(s)`);
  for (const t of tools) { const s = t.inputSchema; let err = "";
    try { (/draft-0[467]/.test(s.$schema ?? "") ? ajv7 : ajv20).compile(s); } catch (e) { err = e.message; }
    check(`inputSchema ${t.name}`, s?.type === "object" && !err, err); }
  const name = process.env.CALL_TOOL ?? tools.find((t) => t.annotations?.readOnlyHint)?.name ?? tools[0]?.name;
  const ok = await attempt(() => client.callTool({ name, arguments: JSON.parse(process.env.CALL_ARGS ?? "{}") }));
  check(`call ${name}`, ok.r && !ok.r.isError && Array.isArray(ok.r.content), ok.e?.message ?? JSON.stringify(ok.r.content[0]).slice(0, 90));
  if (process.env.ERROR_TOOL) { const { r, e } = await attempt(() => client.callTool({ name: process.env.ERROR_TOOL, arguments: JSON.parse(process.env.ERROR_ARGS ?? "{}") }));
    check(`tool error is result.isError (${process.env.ERROR_TOOL})`, r?.isError === true, e ? `JSON-RPC error ${e.code}: ${e.message}` : ""); }
  const u = await attempt(() => client.callTool({ name: "no_such_tool_zz", arguments: {} }));
  check("unknown tool -> error", !!u.e || (!process.env.STRICT && u.r?.isError === true), u.e ? `JSON-RPC error ${u.e.code}` : `result.isError=${u.r?.isError} (spec: JSON-RPC -32602)`);
  const m = await attempt(() => client.request({ method: "no/such_method", params: {} }, EmptyResultSchema));
  check("unknown method -> -32601", m.e?.code === -32601, m.e ? `code ${m.e.code}` : "got a result");
  const t = await attempt(() => transport.terminateSession());
  check("DELETE ends the session", !t.e, t.e?.message ?? "");
} catch (e) { check("session", false, e.message); }
await client.close();
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
