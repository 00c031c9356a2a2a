/** Writes the template copies into test/golden/* (see test/support/materialise-golden.ts). Run by pretypecheck. */
import { materialiseGolden } from "../test/support/materialise-golden.js";

materialiseGolden();
