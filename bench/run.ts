import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npm run bench [-- mix normalize tagging dedup pipeline hostile produce worker backlog]`: runs the benchmarks one after another, each in a fresh
 * Node process (its own heap and JIT state; never in parallel: on 2 cores they would measure each other).
 * Each prints its own figures. The worker benchmark needs the broker that `npm run bench` starts through
 * tools/with-infra.js; arguments after the names are passed to every benchmark.
 */
const BENCHES = [
  'mix',
  'normalize',
  'tagging',
  'dedup',
  'pipeline',
  'hostile',
  'produce',
  'worker',
  'backlog',
];

function main(): void {
  const args = process.argv.slice(2);
  const wanted = args.filter((arg) => BENCHES.includes(arg));
  const passThrough = args.filter((arg) => !BENCHES.includes(arg));
  let failed = 0;
  for (const name of wanted.length > 0 ? wanted : BENCHES) {
    process.stdout.write(`\n## ${name}\n`);
    const result = spawnSync(
      process.execPath,
      ['--expose-gc', join(__dirname, `${name}.bench.js`), ...passThrough],
      {
        stdio: 'inherit',
      },
    );
    if (result.status !== 0) {
      process.stderr.write(`bench: ${name} failed (exit ${result.status})\n`);
      failed += 1;
    }
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

main();
