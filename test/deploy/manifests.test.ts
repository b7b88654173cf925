import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { parseAllDocuments } from 'yaml';
import { ALLOCATOR_ENV } from '../../apps/ingest-worker/src/allocator-env';
import { serveObservability } from '../support/observability-app';
import { exportedSeriesNames, metricNamesIn } from './prometheus-names';

/**
 * The deployment files as a cluster and Docker would read them: every manifest validated against the
 * Kubernetes (and KEDA) schemas, then cross-checked against each other, against the worker's routes and
 * configuration, and against the Dockerfile. A wrong port, probe path, variable name or grace period fails
 * here rather than in a 3 a.m. rollout.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML is untyped by nature
type Json = any;

const ROOT = resolve(__dirname, '..', '..');
const K8S = join(ROOT, 'k8s');

interface Manifest {
  file: string; // relative to k8s/
  doc: Json;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function loadManifests(): Manifest[] {
  return yamlFiles(K8S).flatMap((path) => {
    const docs = parseAllDocuments(readFileSync(path, 'utf8'));
    return docs.map((d) => {
      if (d.errors.length > 0)
        throw new Error(`${relative(K8S, path)}: ${d.errors.map((e) => e.message).join('; ')}`);
      return { file: relative(K8S, path), doc: d.toJS() };
    });
  });
}

const manifests = loadManifests();
const byKind = (kind: string) =>
  manifests.filter((m) => m.doc.kind === kind && m.file !== 'secrets.example.yaml');
const one = (kind: string) => {
  const found = byKind(kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0].doc;
};

/** kubernetes-models class for an apiVersion/kind, e.g. apps/v1 Deployment → kubernetes-models/apps/v1/Deployment. */
function modelFor(apiVersion: string, kind: string): { new (data: Json): { validate(): void } } | undefined {
  const candidates = apiVersion.startsWith('keda.sh/')
    ? [`@kubernetes-models/keda/${apiVersion}/${kind}`]
    : [`kubernetes-models/${apiVersion}/${kind}`];
  for (const path of candidates) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require(path) as Record<string, Json>)[kind];
    } catch {
      // not a kind this package knows
    }
  }
  return undefined;
}

/** Every property name declared anywhere in the Kubernetes and KEDA models: a typo is not among them. */
function modelVocabulary(): Set<string> {
  const words = new Set<string>();
  const roots = ['kubernetes-models', '@kubernetes-models/apimachinery', '@kubernetes-models/keda'].map((p) =>
    dirname(require.resolve(`${p}/package.json`)),
  );
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.d.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(/^\s+"([^"]+)"\??:/gm)) words.add(m[1]);
    }
  };
  roots.forEach(walk);
  return words;
}

// Maps whose keys are data, not schema: their keys are not checked against the vocabulary.
const FREE_FORM = new Set([
  'data',
  'stringData',
  'labels',
  'annotations',
  'matchLabels',
  'nodeSelector',
  'limits',
  'requests',
  'metadata',
]);

function unknownKeys(value: Json, vocabulary: Set<string>, path: string, out: string[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => unknownKeys(v, vocabulary, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (!vocabulary.has(key)) out.push(`${path}.${key}`);
      // Object metadata is schema; a KEDA trigger's metadata is scaler parameters.
      const freeForm =
        (FREE_FORM.has(key) && !(key === 'metadata' && path === '')) ||
        // A Service's selector is a plain label map; workload selectors have matchLabels/matchExpressions.
        (key === 'selector' &&
          typeof child === 'object' &&
          child !== null &&
          !('matchLabels' in child) &&
          !('matchExpressions' in child));
      if (!freeForm) unknownKeys(child, vocabulary, path === '' ? key : `${path}.${key}`, out);
    }
  }
}

function configMapData(): Record<string, string> {
  return one('ConfigMap').data as Record<string, string>;
}

/** Variable names the worker's configuration code reads (libs/config, libs/kafka), by their string literals. */
function variablesTheWorkerReads(): Set<string> {
  const names = new Set<string>();
  for (const lib of ['libs/config/src', 'libs/kafka/src']) {
    for (const path of yamlFilesLike(join(ROOT, lib), '.ts')) {
      if (path.endsWith('.spec.ts')) continue;
      const source = readFileSync(path, 'utf8');
      for (const m of source.matchAll(/['"`]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)['"`]/g)) names.add(m[1]);
      for (const m of source.matchAll(/\benv\.([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g)) names.add(m[1]);
    }
  }
  // Read by Node itself, not by the worker.
  names.add('NODE_OPTIONS');
  names.add('NODE_ENV');
  return names;
}

function yamlFilesLike(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFilesLike(path, ext) : name.endsWith(ext) ? [path] : [];
  });
}

function kustomizationResources(dir: string): string[] {
  const kustomization = parseAllDocuments(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'))[0].toJS();
  return (kustomization.resources as string[]).flatMap((entry) => {
    const path = resolve(dir, entry);
    if (!existsSync(path)) throw new Error(`${relative(K8S, dir)}/kustomization.yaml lists missing ${entry}`);
    return statSync(path).isDirectory() ? kustomizationResources(path) : [relative(K8S, path)];
  });
}

function kindsOf(files: string[]): string[] {
  return manifests
    .filter((m) => files.includes(m.file))
    .map((m) => m.doc.kind as string)
    .sort();
}

const deployment = one('Deployment');
const podSpec = deployment.spec.template.spec;
const container = podSpec.containers[0];
const podLabels = deployment.spec.template.metadata.labels as Record<string, string>;
const selects = (selector: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => podLabels[k] === v);
const containerPort = (port: string | number) =>
  typeof port === 'number' ? port : container.ports.find((p: Json) => p.name === port)?.containerPort;

describe('k8s manifests', () => {
  it('are all valid against the Kubernetes and KEDA schemas', () => {
    expect(manifests.length).toBeGreaterThan(10);
    for (const { file, doc } of manifests) {
      expect(`${file}: ${doc.apiVersion}/${doc.kind}`).toMatch(/: \S+\/\S+$/);
      if (doc.kind === 'Kustomization' || doc.apiVersion === 'monitoring.coreos.com/v1') continue;
      const Model = modelFor(doc.apiVersion, doc.kind);
      if (!Model) throw new Error(`${file}: no schema for ${doc.apiVersion} ${doc.kind}`);
      try {
        new Model(doc).validate();
      } catch (error) {
        throw new Error(`${file} (${doc.kind} ${doc.metadata?.name}): ${(error as Error).message}`);
      }
    }
  });

  it('use no field the schemas do not know (a typo would be silently dropped)', () => {
    const vocabulary = modelVocabulary();
    const unknown: string[] = [];
    for (const { file, doc } of manifests) {
      if (doc.kind === 'Kustomization' || doc.apiVersion === 'monitoring.coreos.com/v1') continue;
      const found: string[] = [];
      unknownKeys(doc, vocabulary, '', found);
      unknown.push(...found.map((f) => `${file}: ${f}`));
    }
    expect(unknown).toEqual([]);
  });

  it('are wired by kustomizations: KEDA by default, an HPA in the fallback overlay', () => {
    const byDefault = kustomizationResources(K8S);
    const hpa = kustomizationResources(join(K8S, 'overlays', 'hpa'));
    const monitoring = kustomizationResources(join(K8S, 'monitoring'));
    const base = [
      'ConfigMap',
      'Deployment',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'Service',
      'ServiceAccount',
    ];
    expect(kindsOf(byDefault)).toEqual([...base, 'ScaledObject', 'TriggerAuthentication'].sort());
    expect(kindsOf(hpa)).toEqual([...base, 'HorizontalPodAutoscaler'].sort());
    expect(kindsOf(monitoring)).toEqual(['PrometheusRule', 'ServiceMonitor']);
    const listed = new Set([...byDefault, ...hpa, ...monitoring]);
    const orphans = manifests.filter(
      (m) => m.doc.kind !== 'Kustomization' && !listed.has(m.file) && m.file !== 'secrets.example.yaml',
    );
    expect(orphans.map((m) => m.file)).toEqual([]);
  });

  it('point probes, Service, ServiceMonitor and NetworkPolicy at the one HTTP port the worker listens on', () => {
    const httpPort = Number(configMapData().HTTP_PORT);
    expect(containerPort('http')).toBe(httpPort);
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe'])
      expect(containerPort(container[probe].httpGet.port)).toBe(httpPort);
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.readinessProbe.timeoutSeconds).toBeGreaterThan(1); // the Redis check may take up to 1 s

    const service = one('Service');
    expect(selects(service.spec.selector)).toBe(true);
    expect(containerPort(service.spec.ports[0].targetPort)).toBe(httpPort);
    const monitor = one('ServiceMonitor');
    expect(service.spec.ports.map((p: Json) => p.name)).toContain(monitor.spec.endpoints[0].port);
    expect(
      Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => service.metadata.labels[k] === v),
    ).toBe(true);
    expect(deployment.spec.template.metadata.annotations['prometheus.io/port']).toBe(String(httpPort));

    expect(selects(one('PodDisruptionBudget').spec.selector.matchLabels)).toBe(true);
    const policy = one('NetworkPolicy');
    expect(selects(policy.spec.podSelector.matchLabels)).toBe(true);
    expect(containerPort(policy.spec.ingress[0].ports[0].port)).toBe(httpPort);
  });

  it('give the pod more grace than the worker takes to shut down', () => {
    const shutdownMs = Number(configMapData().SHUTDOWN_TIMEOUT_MS);
    expect(shutdownMs).toBeGreaterThan(0);
    // Margin for the disconnect after the bound and for the kubelet's own SIGTERM delivery.
    expect(podSpec.terminationGracePeriodSeconds * 1000).toBeGreaterThanOrEqual(shutdownMs + 10_000);
  });

  it('run as a non-root user on a read-only root filesystem, with limits Node stays under', () => {
    expect(podSpec.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(podSpec.securityContext.runAsUser).toBeGreaterThan(0);
    expect(podSpec.automountServiceAccountToken).toBe(false);
    expect(container.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    const tmp = container.volumeMounts.find((v: Json) => v.mountPath === '/tmp');
    expect(podSpec.volumes.find((v: Json) => v.name === tmp?.name)?.emptyDir).toBeDefined();
    // The image's user is the one Kubernetes verifies.
    const dockerUser = /^USER\s+(\d+)/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(Number(dockerUser)).toBe(podSpec.securityContext.runAsUser);

    const { requests, limits } = container.resources;
    for (const r of ['cpu', 'memory']) expect(requests[r] && limits[r]).toBeTruthy();
    const limitMi =
      Number(/^(\d+)Gi$/.exec(limits.memory)?.[1] ?? 0) * 1024 ||
      Number(/^(\d+)Mi$/.exec(limits.memory)?.[1]);
    // --max-old-space-size bounds every isolate of the process: the main thread and each pipeline thread (Node
    // gives the flag precedence over a worker's own resourceLimits, nodejs/node#43991). Every heap at its
    // ceiling, with the threads' young generations and the main thread's (V8's default, up to ~48 MiB), must fit
    // in the limit with room for code and buffers.
    const data = configMapData();
    const heapMi = Number(/--max-old-space-size=(\d+)/.exec(data.NODE_OPTIONS)?.[1]);
    const threads = Number(data.PIPELINE_THREADS);
    const youngMi = Number(data.PIPELINE_YOUNG_GENERATION_MB);
    expect(heapMi).toBeGreaterThan(0);
    expect(threads).toBeGreaterThan(0);
    expect(youngMi).toBeGreaterThan(0);
    const worstCaseMi = heapMi * (1 + threads) + youngMi * threads + 48;
    expect(worstCaseMi).toBeLessThan(limitMi * 0.9);
    // The request covers the measured resident size after draining a backlog (~1.5 GB, docs/worker.md).
    const requestMi =
      Number(/^(\d+)Gi$/.exec(requests.memory)?.[1] ?? 0) * 1024 ||
      Number(/^(\d+)Mi$/.exec(requests.memory)?.[1]);
    expect(requestMi).toBeGreaterThanOrEqual(1536);
  });

  it('set only variables the worker reads, and take credentials from Secrets that the example defines', () => {
    const known = variablesTheWorkerReads();
    expect(known.has('KAFKA_BROKERS')).toBe(true); // the scan itself works
    const set = [...Object.keys(configMapData()), ...container.env.map((e: Json) => e.name as string)];
    expect(set.filter((name) => !known.has(name))).toEqual([]);

    const examples = manifests.filter((m) => m.file === 'secrets.example.yaml').map((m) => m.doc);
    const exampleKeys = new Set(
      examples.flatMap((s) => Object.keys(s.stringData).map((k) => `${s.metadata.name}/${k}`)),
    );
    const refs: string[] = container.env
      .filter((e: Json) => e.valueFrom?.secretKeyRef)
      .map((e: Json) => `${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}`);
    refs.push(...one('TriggerAuthentication').spec.secretTargetRef.map((r: Json) => `${r.name}/${r.key}`));
    refs.push(
      ...podSpec.volumes.filter((v: Json) => v.secret).map((v: Json) => `${v.secret.secretName}/ca.crt`),
    );
    expect(refs.filter((r) => !exampleKeys.has(r))).toEqual([]);
    expect(refs).toEqual(
      expect.arrayContaining(['news-ingest-kafka/sasl-password', 'news-ingest-redis/url']),
    );
    // No credential sits in the ConfigMap.
    expect(Object.keys(configMapData()).filter((k) => /PASSWORD|SECRET|REDIS_URL|USERNAME/.test(k))).toEqual(
      [],
    );
  });

  it('autoscale the Deployment on lag between a spare and the partition count', async () => {
    const partitions = Number(configMapData().TOPIC_PARTITIONS);
    const scaled = one('ScaledObject');
    const pdb = one('PodDisruptionBudget');
    expect(scaled.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name });
    expect(scaled.spec.maxReplicaCount).toBeLessThanOrEqual(partitions);
    expect(scaled.spec.minReplicaCount).toBeGreaterThan(pdb.spec.maxUnavailable); // a drain never stops consumption
    const trigger = scaled.spec.triggers[0];
    expect(trigger.type).toBe('kafka');
    expect(trigger.authenticationRef.name).toBe(one('TriggerAuthentication').metadata.name);
    for (const [param, variable] of Object.entries(trigger.metadata as Record<string, string>)) {
      if (param.endsWith('FromEnv')) expect(configMapData()[variable]).toBeDefined();
    }
    expect(Number(trigger.metadata.lagThreshold)).toBeGreaterThan(0);

    const hpa = one('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef.name).toBe(deployment.metadata.name);
    expect(hpa.spec.maxReplicas).toBeLessThanOrEqual(partitions);
    const series = await exportedSeriesNames();
    for (const metric of hpa.spec.metrics.filter((m: Json) => m.type === 'Pods'))
      expect(series.has(metric.pods.metric.name)).toBe(true);
  });

  it('alert only on metrics the worker exports, each alert with a runbook section', async () => {
    const series = await exportedSeriesNames();
    const rules = one('PrometheusRule').spec.groups.flatMap((g: Json) => g.rules) as Json[];
    expect(rules.length).toBeGreaterThan(5);
    const runbook = readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8');
    for (const rule of rules) {
      expect(typeof rule.alert).toBe('string');
      expect(metricNamesIn(rule.expr).filter((name) => !series.has(name))).toEqual([]);
      expect(rule.labels.severity).toMatch(/^(critical|warning)$/);
      expect(runbook).toMatch(new RegExp(`^#{2,4} ${rule.alert}$`, 'm'));
      expect(rule.annotations.runbook).toBe(`docs/operations.md#${rule.alert.toLowerCase()}`);
    }
  });
});

describe('probe and scrape paths against the running module', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    ({ app, base } = await serveObservability(
      { metricsOptions: { processMetrics: false } },
      { kafka: () => ({ connected: true, groupJoined: true }) },
    ));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers 200 on every path the manifests probe or scrape', async () => {
    const paths = [
      container.startupProbe.httpGet.path,
      container.livenessProbe.httpGet.path,
      container.readinessProbe.httpGet.path,
      one('ServiceMonitor').spec.endpoints[0].path,
      deployment.spec.template.metadata.annotations['prometheus.io/path'],
    ];
    for (const path of paths) expect([path, (await fetch(`${base}${path}`)).status]).toEqual([path, 200]);
  });
});

describe('Dockerfile and docker-compose.yml', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const compose = parseAllDocuments(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'))[0].toJS();

  it('builds on an LTS Node image in stages and runs the compiled worker as non-root', () => {
    const image = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(dockerfile);
    expect(image).not.toBeNull();
    expect(Number(image![1]) % 2).toBe(0); // even majors are the LTS lines
    expect(Number(image![1])).toBeGreaterThanOrEqual(20);
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER [1-9]\d*/m);
    expect(runtime).toContain('CMD ["node", "dist/apps/ingest-worker/src/main.js"]');
    // The entry point the image starts is where the build puts the worker.
    const nest = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8'));
    expect(
      `dist/${nest.projects['ingest-worker'].sourceRoot}/${nest.projects['ingest-worker'].entryFile}.js`,
    ).toBe('dist/apps/ingest-worker/src/main.js');
    expect(existsSync(join(ROOT, 'apps/ingest-worker/src/main.ts'))).toBe(true);
  });

  it("sets the worker's malloc settings in the runtime image", () => {
    const env = /^ENV ((?:.*\\\n)*.*)$/m.exec(dockerfile.slice(dockerfile.lastIndexOf('\nFROM ')))?.[1] ?? '';
    const set = Object.fromEntries([...env.matchAll(/([A-Z_]+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    expect(set).toMatchObject(ALLOCATOR_ENV);
  });

  it('passes `docker-compose config`', () => {
    const attempts: Array<[string, string[]]> = [
      ['docker-compose', ['-f', 'docker-compose.yml', 'config', '-q']],
      ['docker', ['compose', '-f', 'docker-compose.yml', 'config', '-q']],
    ];
    const outcomes = attempts.map(([cmd, args]) => ({
      cmd: `${cmd} ${args.join(' ')}`,
      run: spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 }),
    }));
    // A docker binary without the compose plugin reads `compose` as an unknown command, or `-f` as its own flag.
    const ran = outcomes.find(
      (o) =>
        !o.run.error && !/unknown command|is not a docker command|unknown shorthand flag/.test(o.run.stderr),
    );
    if (!ran) {
      throw new Error(
        "No Compose client found to validate docker-compose.yml. Install Debian's: apt-get update && apt-get install -y docker-compose " +
          `(tried: ${outcomes.map((o) => `${o.cmd}: ${o.run.error?.message ?? o.run.stderr.trim()}`).join(' | ')})`,
      );
    }
    // Compose reports ignored or deprecated keys as warnings with exit 0: those count as failures too.
    const warnings = ran.run.stderr.split('\n').filter((line) => /warn|error|ignored|deprecated/i.test(line));
    expect({ cmd: ran.cmd, status: ran.run.status, warnings }).toEqual({
      cmd: ran.cmd,
      status: 0,
      warnings: [],
    });
  });

  it('runs the broker the tests run, and the worker hardened as in Kubernetes', () => {
    const pom = readFileSync(join(ROOT, 'tools/kafka/pom.xml'), 'utf8');
    const pinned = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];
    expect(compose.services.kafka.image).toBe(`apache/kafka:${pinned}`);

    const worker = compose.services.worker;
    expect(worker.build).toMatchObject({ context: '.', dockerfile: 'Dockerfile' });
    expect(worker.read_only).toBe(true);
    expect(worker.user).toBe(`${podSpec.securityContext.runAsUser}:${podSpec.securityContext.runAsGroup}`);
    expect(worker.environment.KAFKA_BROKERS).toMatch(/^kafka:\d+$/);
    expect(worker.environment.REDIS_URL).toBe('redis://redis:6379');
    const known = variablesTheWorkerReads();
    expect(Object.keys(worker.environment).filter((name) => !known.has(name))).toEqual([]);
    const graceSeconds = Number(/^(\d+)s$/.exec(worker.stop_grace_period)?.[1]);
    expect(graceSeconds * 1000).toBeGreaterThan(Number(worker.environment.SHUTDOWN_TIMEOUT_MS));
    expect(worker.depends_on.kafka.condition).toBe('service_healthy');
  });
});
