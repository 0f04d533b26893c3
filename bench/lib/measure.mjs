// Measuring child processes (wall, CPU, peak RSS) and summarising samples. No dependencies.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = fs.existsSync(GNU_TIME);

/**
 * Runs `cmd args` once and measures it. CPU (user + sys) and peak RSS come from GNU time (`-v`, written
 * to a file so the child's own stderr stays clean); without it, from polling /proc (coarser).
 * A run past `timeoutMs` is killed with its whole process group and reported as `timedOut`.
 * @returns {Promise<{wallMs: number, cpuMs: number|undefined, rssMB: number|undefined, code: number|null, timedOut: boolean, stdout: string, stderr: string}>}
 */
export function runMeasured(cmd, args, { cwd, timeoutMs = 180_000, env, keepStdout = false } = {}) {
  const timeFile = path.join(os.tmpdir(), `bench-time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const argv = hasGnuTime ? [GNU_TIME, ['-v', '-o', timeFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(argv[0], argv[1], { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdoutBytes += d.length;
      if (keepStdout) stdout += d;
    });
    child.stderr.on('data', (d) => {
      if (stderr.length < 20_000) stderr += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    // Fallback sampling when GNU time is missing: peak RSS and CPU from /proc while the child runs.
    let polledRss = 0;
    let polledCpuMs = 0;
    const poll = hasGnuTime
      ? undefined
      : setInterval(() => {
          const s = procStatus(child.pid);
          if (s) {
            polledRss = Math.max(polledRss, s.hwmKB);
            polledCpuMs = s.cpuMs;
          }
        }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      let cpuMs;
      let rssMB;
      let exitCode = code;
      if (hasGnuTime && fs.existsSync(timeFile)) {
        const t = fs.readFileSync(timeFile, 'utf8');
        fs.rmSync(timeFile, { force: true });
        const num = (re) => {
          const m = re.exec(t);
          return m ? Number(m[1]) : undefined;
        };
        const user = num(/User time \(seconds\): ([\d.]+)/);
        const sys = num(/System time \(seconds\): ([\d.]+)/);
        if (user !== undefined && sys !== undefined) cpuMs = (user + sys) * 1000;
        const kb = num(/Maximum resident set size \(kbytes\): (\d+)/);
        if (kb !== undefined) rssMB = kb / 1024;
        const st = num(/Exit status: (\d+)/);
        if (st !== undefined) exitCode = st;
      } else if (!hasGnuTime) {
        cpuMs = polledCpuMs || undefined;
        rssMB = polledRss ? polledRss / 1024 : undefined;
      }
      resolve({ wallMs, cpuMs, rssMB, code: exitCode, timedOut, stdout, stdoutBytes, stderr });
    });
  });
}

/** VmRSS / VmHWM (kB) and CPU time (ms) of a live process, from /proc; undefined once it has gone. */
export function procStatus(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" that closes the command name: utime is field 14, stime 15 (1-based).
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(rest[11]) + Number(rest[12]);
    return { rssKB: kb('VmRSS'), hwmKB: kb('VmHWM'), cpuMs: (ticks * 1000) / 100 };
  } catch {
    return undefined;
  }
}

/**
 * Runs `once()` up to `runs` times and returns the samples. When a single run takes longer than
 * `slowMs` (default one minute) no more runs are made: a peer that slow gets one run, and says so.
 */
export async function repeat(once, { runs = 5, slowMs = 60_000, onRun } = {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const s = await once(i);
    samples.push(s);
    onRun?.(s, i);
    if (s.timedOut || s.wallMs > slowMs) break;
  }
  return samples;
}

export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100) of the samples. */
export function percentile(xs, p) {
  const v = [...xs].sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const rank = Math.min(v.length, Math.max(1, Math.ceil((p / 100) * v.length)));
  return v[rank - 1];
}

/** A small seeded PRNG (mulberry32): the same seed gives the same positions on every machine. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const fmt = {
  s: (ms) => (ms === undefined ? '–' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`),
  ms: (ms) => (ms === undefined ? '–' : ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`),
  mb: (mb) => (mb === undefined ? '–' : `${mb.toFixed(0)} MB`),
  ratio: (r) => (r === undefined || !Number.isFinite(r) ? '–' : r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(1)}×`),
};
