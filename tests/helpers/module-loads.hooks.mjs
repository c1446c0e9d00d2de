// Module-loader hooks (run in the loader's own thread): append each module's URL, once loaded, to a file.
import { appendFileSync } from "node:fs";

let file;

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  appendFileSync(file, `${url}\n`);
  return result;
}
