/**
 * `npm run bench` prints the table of issue 8 and writes bench/results.json; `npm run bench -- --quick`
 * runs shorter. Every figure is a ratio to a baseline measured in the same run.
 */
import { writeFileSync } from "node:fs";
import { bundleSizeRows } from "./bundle-size.js";
import { generationRows } from "./generation.js";
import { largeBodyRows } from "./large-body.js";
import { printTable, type Row } from "./measure.js";
import { peerRows } from "./peers.js";
import { scalingRows } from "./scaling.js";
import { serverUploadRows } from "./server-upload.js";
import { signingRows } from "./signing.js";
import { throughputRows } from "./throughput.js";
import { webhookRows } from "./webhooks.js";

const quick = process.argv.includes("--quick");
const rows: Row[] = [
  // orval takes tens of seconds on GitHub's spec: full runs only, so --quick stays under a minute.
  ...generationRows(quick ? 1 : 3, !quick),
  // The Blob row first of the in-process rows: it streams a GiB through this process's heap, and the rows
  // after it leave that heap large (5,000-operation specs, 750,000 pre-signed requests), which cost it
  // 0.68x -> 0.52x of createHash in one run. It measures the signer, not the benchmark's leftovers.
  ...(await largeBodyRows(quick ? 256 : 1024)),
  ...(await scalingRows([10, 100, 1000, 5000])),
  ...(await signingRows(quick ? 300 : 2000)),
  ...(await peerRows(quick ? 300 : 2000)),
  ...(await webhookRows(quick ? 300 : 2000)),
  ...(await throughputRows(quick ? 2 : 30)),
  ...(await serverUploadRows(100)),
  ...(await bundleSizeRows()),
];
process.stdout.write(`${printTable(rows)}\n`);
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify({ node: process.version, quick, rows }, null, 2)}\n`);
// A row that misses its target fails the run, so a regression (a client bundle that grew) cannot pass unnoticed.
const unmet = rows.filter((row) => !row.met);
if (unmet.length > 0) {
  process.stderr.write(`targets not met:\n${unmet.map((row) => `  ${row.benchmark}: ${row.ours} (target ${row.target})`).join("\n")}\n`);
  process.exitCode = 1;
}
