import { availableParallelism, loadavg } from 'node:os';

/** One line of machine notes printed next to every result: results on a shared box need it. */
export function machineNotes(): string {
  const [one, five] = loadavg();
  return (
    `Node ${process.version}, ${availableParallelism()} cores (shared), ` +
    `load average ${one.toFixed(1)} / ${five.toFixed(1)} (1 / 5 min), ${new Date().toISOString()}`
  );
}
