/**
 * The body forms that re-serialise JSON before it is signed: python-compact (django_hmac_authentication,
 * python-json.ts). The generator writes this file for each spec: where no
 * scheme uses python-compact, a stand-in takes the export's place, so the output and a client bundle of it
 * leave the JSON parser out.
 */
export { pythonCompactJson } from "./python-json.js";
