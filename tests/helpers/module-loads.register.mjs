// `node --import` this file to record every module the process loads in $OUTREACH_MODULE_LOADS.
import { register } from "node:module";

register("./module-loads.hooks.mjs", import.meta.url, { data: { file: process.env.OUTREACH_MODULE_LOADS } });
