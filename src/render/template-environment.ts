/**
 * The Handlebars environment letters are compiled in: a private instance (`Handlebars.create()`, so
 * nothing registered elsewhere in the process reaches a letter) without the `log` helper, which writes
 * to the console. Templates are compiled in strict mode with known helpers only, and `log` is declared
 * unknown to the compiler too, so even a template that slipped past `checkTemplate` could not call it.
 * Prototype access stays off (Handlebars' default since 4.6); `lookup` stays, because it reads through
 * the same guarded property access as `{{a.b}}` and prints nothing. Pure.
 */
import Handlebars from "handlebars";
import type { HandlebarsEnv } from "./check-template.js";

export const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: { log: false },
} as const satisfies CompileOptions;

export function createTemplateEnvironment(): HandlebarsEnv {
  const hb = Handlebars.create();
  hb.unregisterHelper("log");
  return hb;
}
