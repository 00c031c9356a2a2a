/**
 * Starts test/interop/django-site/serve.py: a real Django 3.2 / DRF 3.14 site (Debian's, under
 * /usr/bin/python3) authenticating with the vendored django_hmac_authentication 3.1.0. A missing Django
 * is a failure naming the Debian packages, never a skip.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export interface DjangoSite {
  baseUrl: string;
  /** The key id and base64 secret the library's create_shared_secret_for_user issued. */
  apiKey: string;
  apiSecret: string;
  close(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL("django-site/serve.py", import.meta.url));

export function startDjangoSite(): Promise<DjangoSite> {
  const child: ChildProcessWithoutNullStreams = spawn("/usr/bin/python3", [SCRIPT]);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("error", (error) =>
      reject(new Error(`/usr/bin/python3 is not runnable (${error.message}); install python3-django python3-djangorestframework`)),
    );
    child.on("exit", (code) => reject(new Error(`django-site/serve.py exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout }).once("line", (line) => {
      const info = JSON.parse(line) as { base_url: string; api_key: string; api_secret: string };
      resolve({
        baseUrl: info.base_url,
        apiKey: info.api_key,
        apiSecret: info.api_secret,
        close: () =>
          new Promise<void>((done) => {
            child.once("exit", () => done());
            child.stdin.end();
          }),
      });
    });
  });
}
