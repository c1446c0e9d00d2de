/**
 * Directory import benchmark: a generated 100,000-row CSV imported into an empty directory, then
 * re-imported (every row unchanged). Prints rows/s and peak RSS for each, against a baseline measured
 * in the same run: plain csv-parse of the same file. Each phase runs in its own child process so its
 * peak RSS is its own. The three phases run ROUNDS times, interleaved, and the median of each figure is
 * reported (peak RSS: the largest), because on a shared machine one run can land on a busy moment. Rows
 * per CPU-second (process.cpuUsage of the phase) are printed too: they say what the import costs
 * whatever else the machine is doing; the load average is printed first for the same reason.
 */
import { spawnSync } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse";
import { importDirectoryFile } from "../src/directory/import-directory.fs.js";
import { median, peakRssMb, report } from "./measure.js";

const ROWS = 100_000;
const ROUNDS = 3;
const COUNTRIES = [
  "AR",
  "Argentina",
  "TH",
  "Thaïlande",
  "PK",
  "Pakistán",
  "BD",
  "CN",
  "Chine",
  "CA",
  "FR",
  "Francia",
  "BR",
  "MX",
  "DE",
  "US",
  "JP",
  "KE",
  "NG",
  "ZA",
];

interface PhaseResult {
  ms: number;
  /** CPU time of the phase (user + system): on a shared machine, wall time also measures the neighbours. */
  cpuMs: number;
  rows: number;
  peakRssMb: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

function generateCsv(rows: number): string {
  const lines = [
    "País;Ministerio;Departamento;Tratamiento;Nombre;Cargo;Correo electrónico;Teléfono;Fax;Dirección;Etiquetas;Notas",
  ];
  for (let i = 0; i < rows; i++) {
    const country = COUNTRIES[i % COUNTRIES.length] ?? "AR";
    lines.push(
      [
        country,
        `Ministerio de Comunicaciones ${i % 50} (ejemplo)`,
        `Dirección ${i % 7}`,
        i % 2 ? "Sra." : "Sr.",
        `Persona Ejemplo ${i}`,
        "Directora de Asuntos Internacionales",
        `persona.${i}@min${i % 50}.bench.example`,
        `+54 11 5550 ${String(i % 10000).padStart(4, "0")}`,
        i % 3 ? "" : `+54 11 5551 ${String(i % 10000).padStart(4, "0")}`,
        `"Calle ${i}; Piso ${i % 20}"`,
        `"ministry;bench"`,
        i % 5 ? "" : `"Nota con ""comillas"" y;punto y coma"`,
      ].join(";"),
    );
  }
  return lines.join("\r\n") + "\r\n";
}

async function runPhase(phase: string, workspace: string, file: string): Promise<PhaseResult> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const cpuMs = () => {
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000;
  };
  if (phase === "baseline") {
    let rows = -1;
    const parser = createReadStream(file).pipe(
      parse({ delimiter: ";", relax_column_count: true, bom: true }),
    );
    for await (const _record of parser) rows += 1;
    return {
      ms: performance.now() - start,
      cpuMs: cpuMs(),
      rows,
      peakRssMb: peakRssMb(),
      added: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    };
  }
  const r = await importDirectoryFile({
    workspace,
    file,
    now: new Date("2026-11-29T09:00:00Z"),
    source: "bench",
  });
  return {
    ms: performance.now() - start,
    cpuMs: cpuMs(),
    rows: r.rows,
    peakRssMb: peakRssMb(),
    added: r.added,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
  };
}

function inChild(phase: string, workspace: string, file: string): PhaseResult {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--phase", phase, workspace, file],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  if (run.status !== 0) throw new Error(`phase ${phase} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") as PhaseResult;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--phase") {
    const result = await runPhase(args[1] ?? "", args[2] ?? "", args[3] ?? "");
    console.log(JSON.stringify(result));
    return;
  }
  const dir = join(tmpdir(), `outreach-import-bench-${process.pid}`);
  const workspace = join(dir, "ws");
  const file = join(dir, "ministries.csv");
  await mkdir(join(workspace, "contacts"), { recursive: true });
  await writeFile(file, generateCsv(ROWS));
  try {
    const [l1, l5] = loadavg();
    console.log(
      `machine: ${availableParallelism()} CPU(s), load average ${l1?.toFixed(2)} (1 min) ${l5?.toFixed(2)} (5 min); ` +
        `median of ${ROUNDS} rounds`,
    );
    const baselines: PhaseResult[] = [];
    const firsts: PhaseResult[] = [];
    const agains: PhaseResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await rm(join(workspace, "contacts"), { recursive: true, force: true });
      await mkdir(join(workspace, "contacts"), { recursive: true });
      const baseline = inChild("baseline", workspace, file);
      const first = inChild("import", workspace, file);
      const again = inChild("import", workspace, file);
      if (first.added !== ROWS || first.rejected !== 0)
        throw new Error(`first import: expected ${ROWS} added, got ${JSON.stringify(first)}`);
      if (again.unchanged !== ROWS || again.added + again.updated !== 0)
        throw new Error(`re-import: expected all unchanged, got ${JSON.stringify(again)}`);
      baselines.push(baseline);
      firsts.push(first);
      agains.push(again);
    }
    const rate = (runs: PhaseResult[]) => median(runs.map((r) => (r.rows / r.ms) * 1000));
    // Rows per CPU-second: what the import costs, whatever else the machine is doing.
    const cpuRate = (runs: PhaseResult[]) => median(runs.map((r) => (r.rows / r.cpuMs) * 1000));
    const peak = (runs: PhaseResult[]) => Math.max(...runs.map((r) => r.peakRssMb));
    report("baseline csv-parse 100k rows", rate(baselines), "rows/s");
    report("baseline csv-parse peak RSS", peak(baselines), "MB");
    report("import 100k rows into empty directory", rate(firsts), "rows/s", { op: ">=", value: 50_000 });
    report("import 100k rows peak RSS", peak(firsts), "MB", { op: "<=", value: 300 });
    report("import vs baseline csv-parse (ratio)", rate(firsts) / rate(baselines), "x");
    report("re-import 100k rows (all unchanged)", rate(agains), "rows/s", { op: ">=", value: 50_000 });
    report("re-import 100k rows peak RSS", peak(agains), "MB", { op: "<=", value: 300 });
    report("re-import vs baseline csv-parse (ratio)", rate(agains) / rate(baselines), "x");
    report("baseline csv-parse per CPU-second", cpuRate(baselines), "rows/cpu-s");
    report("import per CPU-second", cpuRate(firsts), "rows/cpu-s");
    report("import vs baseline per CPU-second (ratio)", cpuRate(firsts) / cpuRate(baselines), "x");
    report("re-import per CPU-second", cpuRate(agains), "rows/cpu-s");
    report("re-import vs baseline per CPU-second (ratio)", cpuRate(agains) / cpuRate(baselines), "x");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
