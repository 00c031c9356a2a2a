/**
 * A real redis-server (Debian package redis-server) on 127.0.0.1, started and stopped by the test, with no
 * persistence. Missing binary: a failure naming the package, never a skip.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

export interface RedisServer {
  port: number;
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const started = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
      child = started;
      await new Promise<void>((resolve, reject) => {
        started.on("error", (error) =>
          reject(new Error(`redis-server is not runnable (${error.message}); install the Debian package redis-server`)),
        );
        started.stdout?.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes("Ready to accept connections")) resolve();
        });
        started.on("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
      });
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.on("exit", () => resolve());
        running.kill("SIGKILL");
      });
    },
  };
  await server.start();
  return server;
}
