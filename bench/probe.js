'use strict';
/**
 * Preloaded (`node -r ./bench/probe.js ...`) into every bench phase: at exit, writes the process's peak RSS and
 * CPU time to the file named by BENCH_PROBE_OUT. Worker threads share the process, so their memory counts too.
 */
const fs = require('node:fs');

const out = process.env.BENCH_PROBE_OUT;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    // maxRSS is in kilobytes.
    fs.writeFileSync(out, JSON.stringify({ maxRssKb: u.maxRSS, userUs: u.userCPUTime, systemUs: u.systemCPUTime }));
  });
}
