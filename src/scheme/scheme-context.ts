/** The security scheme an x-hmac object sits on: what every profile's resolver reads besides the x-hmac itself. */
import type { AwsSigningContext } from "./profiles/aws-sigv4/spec-metadata.js";

export interface SecuritySchemeContext {
  name: string;
  /** JSON pointer of the x-hmac object. */
  pointer: string;
  type?: unknown;
  in?: unknown;
  /** The apiKey's parameter name. */
  parameterName?: unknown;
  /** profile aws-sigv4: region and service from the spec and the generator's options. */
  aws?: (AwsSigningContext & { fromApiGateway?: boolean }) | undefined;
}
