/** Errors that teach, run as a process: where, why, and how it was reached. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

describe("error messages", () => {
  it("a broken $ref two files deep names its file, line and column, and the chain of $refs that led there", () => {
    const dir = tempDir();
    const api = readFileSync("specs/django-api-key.yaml", "utf8").replace(
      'schema: { $ref: "#/components/schemas/Order" }\n      responses',
      'schema: { $ref: "./order.yaml" }\n      responses',
    );
    writeFileSync(join(dir, "api.yaml"), api);
    writeFileSync(join(dir, "order.yaml"), 'type: object\nproperties:\n  customer: { $ref: "./customer.yaml#/Customer" }\n');
    writeFileSync(join(dir, "customer.yaml"), 'Customer:\n  type: object\n  properties:\n    address: { $ref: "./address.yaml" }\n');
    const result = runCli(["api.yaml", "-o", "out"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'E_SPEC_REF at customer.yaml:4:14 #/Customer/properties/address: cannot resolve $ref "./address.yaml": no such file',
    );
    expect(result.stderr).toMatch(
      /Reached via api\.yaml:\d+:\d+ #\/paths\/~1api~1v1~1orders\/post\/requestBody\/content\/application~1json\/schema \(\$ref "\.\/order\.yaml"\) -> order\.yaml:3:13 #\/properties\/customer \(\$ref "\.\/customer\.yaml#\/Customer"\)/,
    );
  });

  it("a YAML syntax error in a $ref'd file names that file, line and column", () => {
    const dir = tempDir();
    const api = readFileSync("specs/django-api-key.yaml", "utf8").replace(
      'schema: { $ref: "#/components/schemas/Order" }\n      responses',
      'schema: { $ref: "./order.yaml" }\n      responses',
    );
    writeFileSync(join(dir, "api.yaml"), api);
    writeFileSync(join(dir, "order.yaml"), "type: object\nproperties: [\n");
    const result = runCli(["api.yaml", "-o", "out"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("E_SPEC_SYNTAX at order.yaml:3:1 #: not valid YAML or JSON");
    expect(result.stderr.match(/E_SPEC_SYNTAX/g)).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("an unknown preset names the closest one, with file position and pointer", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "api.yaml"),
      readFileSync("specs/django-api-key.yaml", "utf8").replace("preset: django-api-key", "preset: django-apikey"),
    );
    const result = runCli(["lint", join(dir, "api.yaml")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("E_XHMAC_PRESET at");
    expect(result.stderr).toContain("api.yaml:13:17 #/components/securitySchemes/orderSignature/x-hmac/preset");
    expect(result.stderr).toContain('Did you mean "django-api-key"?');
  });

  it("a header name that is not an HTTP token is E_SPEC_HEADER_NAME with file position and pointer, nothing written", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "api.yaml"),
      readFileSync("specs/django-api-key.yaml", "utf8").replace(
        "      operationId: listOrders\n",
        '      operationId: listOrders\n      parameters:\n        - { name: "X-Trace */ globalThis.x = 1; /*", in: header, schema: { type: string } }\n',
      ),
    );
    const result = runCli(["api.yaml", "-o", "out"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'E_SPEC_HEADER_NAME at api.yaml:41:19 #/paths/~1api~1v1~1orders/get/parameters/0/name: the parameter name "X-Trace */ globalThis.x = 1; /*" (in: header) is not an HTTP token (RFC 9110 §5.6.2).',
    );
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("an apiKey scheme's header name (the x-hmac signature header) is checked the same way", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "api.yaml"),
      readFileSync("specs/django-api-key.yaml", "utf8").replace("name: X-Signature", 'name: "X Signature"'),
    );
    const result = runCli(["api.yaml", "-o", "out"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /E_SPEC_HEADER_NAME at api\.yaml:11:\d+ #\/components\/securitySchemes\/orderSignature\/name: the apiKey name "X Signature"/,
    );
  });

  it("a title holding a comment terminator generates (it used to exit 3) and stays inside its comment", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "api.yaml"),
      readFileSync("specs/django-api-key.yaml", "utf8").replace(
        "title: Orders API (Django API-key HMAC middleware)",
        'title: "Plain */ title"',
      ),
    );
    const result = runCli(["api.yaml", "-o", "out"], { cwd: dir });
    // The preset's own lint warnings only: no error, no stack trace.
    expect(result.stderr).not.toMatch(/E_[A-Z_]+|\n\s+at /);
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, "out/server.ts"), "utf8")).toContain("Plain *\\/ title");
  });

  it("an unknown command or option is a usage error naming it (exit 2)", () => {
    const result = runCli(["specs/nextcloud-drf.yaml", "-o", "x", "--chek"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("chek");
  });
});
