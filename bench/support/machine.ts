import { cpus, loadavg, totalmem } from 'node:os';

/** The machine a run measured, for results.md: figures mean little without it. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews figures. */
  loadAtStart: number;
  loadAtEnd?: number;
  date: string;
}

/** Describes this machine now. */
export function describeMachine(): Machine {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAtStart: loadavg()[0]!,
    date: new Date().toISOString(),
  };
}

/** The load average now (1 minute). */
export const currentLoad = (): number => loadavg()[0]!;
