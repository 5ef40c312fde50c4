/**
 * Preloaded into a measured node process (`node --import scripts/lib/own-usage.mjs …`): on exit,
 * writes that process's own peak RSS (KB) and CPU time (ms, all its threads) as JSON to the file
 * named by LEDSCOPE_BENCH_USAGE_OUT. GNU time and the parent's child CPU count ffmpeg in too; this
 * tells node's share apart.
 */
import { writeFileSync } from 'node:fs';

const out = process.env.LEDSCOPE_BENCH_USAGE_OUT;
if (out) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    try {
      writeFileSync(out, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
    } catch {
      /* the bench reports a missing figure as "-" */
    }
  });
}
