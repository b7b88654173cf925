/**
 * glibc malloc settings under which the worker gives a burst's memory back to the system. glibc reads them
 * from the environment when the process starts, so they are set by whatever starts the worker: the image
 * (Dockerfile ENV, hence docker-compose and the Kubernetes manifests), `npm run up` and the backlog bench.
 *
 * Why: Kafka fetch buffers, the slices posted to the pipeline threads and their results are malloc'd outside
 * V8's heap. With glibc's defaults each thread gets an arena of its own (up to 8 per core), large blocks move
 * from mmap into the arenas once the first of them has been freed (the mmap threshold adapts upward), and an
 * arena keeps what is freed inside it for reuse: after a backlog the worker stays near its peak.
 * - MALLOC_ARENA_MAX=2: the main thread and the pipeline threads share two arenas instead of one each.
 * - MALLOC_MMAP_THRESHOLD_=131072: blocks of 128 KiB and more are always mmap'd, and unmapped when freed;
 *   a threshold that is set no longer adapts, and neither does the trim threshold (128 KiB: free memory at an
 *   arena's top beyond that is returned).
 * Measured with the backlog bench, alternating with glibc's defaults (docs/results.md, Worker from a
 * pre-filled backlog): resident memory 15 s after draining 15,584 real events 212–257 MB in 14 of 15 runs
 * (315 once), against 313–359 MB; CPU per record within the runs' spread (a cost of up to ~10 % under a
 * backlog, freed blocks faulted in again, is not ruled out).
 * Other allocators (musl, jemalloc) ignore these variables.
 */
export const ALLOCATOR_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/** The settings missing from `env` or set otherwise (the worker warns at start-up; it enforces nothing). */
export function allocatorDeviations(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(ALLOCATOR_ENV)
    .filter(([name, value]) => env[name] !== value)
    .map(([name, value]) => `${name}=${env[name] ?? '(unset)'} (recommended ${value})`);
}
