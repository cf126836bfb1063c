// Preloaded by the benchmark (node --import): reports this process's peak memory and CPU time
// (user + system, all threads) on exit. CPU time says more than wall time on a shared machine.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(
    `\nBENCH_MAX_RSS_KB=${usage.maxRSS}\nBENCH_CPU_US=${usage.userCPUTime + usage.systemCPUTime}\n`,
  );
});
