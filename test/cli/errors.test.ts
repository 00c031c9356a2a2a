/** Errors that teach, run as a process: where, why, and how it was reached. */
import { readFileSync, writeFileSync } from "node:fs";
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

  it("an unknown command or option is a usage error naming it (exit 2)", () => {
    const result = runCli(["specs/nextcloud-drf.yaml", "-o", "x", "--chek"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("chek");
  });
});
