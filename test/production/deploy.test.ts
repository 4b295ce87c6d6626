/**
 * The Kubernetes manifests read against the bot: probes on the port and path it serves, settings it knows, secrets
 * kept out of the ConfigMap, a shutdown budget that fits Kubernetes' grace period, one Discord gateway pod, and where
 * each layout keeps its state (SQLite on a volume, or the shared PostgreSQL).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.js';
import { buildIndexFromFolder } from '../../src/index/buildIndexFromFolder.js';
import { REPO } from './botProcess.js';

const DEPLOY = join(REPO, 'deploy');

interface Manifest {
  kind: string;
  metadata: { name: string };
  [key: string]: unknown;
}

// Manifests are untyped YAML; each test reads the fields it checks through these narrow shapes.
interface Probe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  ports: { name: string; containerPort: number }[];
  envFrom: ({ configMapRef: { name: string } } | { secretRef: { name: string; optional?: boolean } })[];
  env?: { name: string; value: string }[];
  startupProbe: Probe;
  readinessProbe: Probe;
  livenessProbe: Probe;
  lifecycle?: { preStop: { exec: { command: string[] } } };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: { allowPrivilegeEscalation: boolean; readOnlyRootFilesystem: boolean };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Deployment extends Manifest {
  spec: {
    replicas: number;
    strategy: { type: string };
    template: {
      spec: {
        terminationGracePeriodSeconds: number;
        securityContext: { runAsNonRoot: boolean; runAsUser: number };
        containers: Container[];
        volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[];
      };
    };
  };
}

const parseYaml = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Manifest);

/** The resources a kustomization lists (its own files, not the folders it builds on, nor its patches). */
function manifestsIn(dir: string): Manifest[] {
  const kustomization = parseYaml(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'))[0] as unknown as {
    resources: string[];
  };
  return kustomization.resources
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseYaml(readFileSync(join(dir, f), 'utf8')));
}

const base = manifestsIn(join(DEPLOY, 'base'));
const scaleOut = manifestsIn(join(DEPLOY, 'scale-out'));
const examples = parseYaml(readFileSync(join(DEPLOY, 'secret.example.yaml'), 'utf8'));
const configMap = base.find((m) => m.kind === 'ConfigMap') as Manifest & { data: Record<string, string> };
const deployments = [...base, ...scaleOut].filter((m): m is Deployment => m.kind === 'Deployment');
const DATABASE_SECRET = 'backend-bot-database';

const readsSecret = (deployment: Deployment, name: string) =>
  deployment.spec.template.spec.containers[0]!.envFrom.some(
    (s) => 'secretRef' in s && s.secretRef.name === name && !s.secretRef.optional,
  );
const dataMount = (deployment: Deployment) =>
  deployment.spec.template.spec.containers[0]!.volumeMounts?.find((m) => m.mountPath === '/app/data');

/** `kubectl kustomize deploy/<layout>`, parsed; undefined where kubectl is not installed. */
function render(layout: string): Manifest[] | undefined {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return parseYaml(execFileSync('kubectl', ['kustomize', join(DEPLOY, layout)], { encoding: 'utf8' }));
}
const hasKubectl = render('base') !== undefined;
const secretNames = examples.filter((m) => m.kind === 'Secret').map((m) => m.metadata.name);

describe('deploy/ manifests', () => {
  it('every kustomization lists files that exist', () => {
    for (const layout of ['base', 'scale-out', 'single-replica', 'corpus-configmap']) {
      const file = join(DEPLOY, layout, 'kustomization.yaml');
      const kustomization = parseAllDocuments(readFileSync(file, 'utf8'))[0]!.toJS() as {
        resources: string[];
        patches?: { path: string }[];
        configMapGenerator?: { files: string[] }[];
      };
      const generated = (kustomization.configMapGenerator ?? []).flatMap((g) => g.files);
      for (const entry of [
        ...kustomization.resources,
        ...(kustomization.patches ?? []).map((p) => p.path),
        ...generated,
      ]) {
        expect(existsSync(join(dirname(file), entry)), `${layout}: ${entry}`).toBe(true);
      }
    }
  });

  it('the corpus-configmap layout serves its documents as Kubernetes mounts them (links into ..data)', async () => {
    const layout = join(DEPLOY, 'corpus-configmap');
    const kustomization = parseAllDocuments(readFileSync(join(layout, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as {
      configMapGenerator: { name: string; files: string[] }[];
    };
    const generator = kustomization.configMapGenerator[0]!;
    const patch = parseAllDocuments(
      readFileSync(join(layout, 'corpus-volume.yaml'), 'utf8'),
    )[0]!.toJS() as Deployment & {
      spec: { template: { spec: { volumes: { name: string; configMap: { name: string } }[] } } };
    };
    const container = patch.spec.template.spec.containers[0]! as Container & {
      volumeMounts: { name: string; mountPath: string }[];
    };
    const volumes = patch.spec.template.spec.volumes as { name: string; configMap?: { name: string } }[];
    const volume = volumes.find((v) => v.configMap?.name === generator.name)!;
    expect(container.volumeMounts).toContainEqual(
      expect.objectContaining({ name: volume.name, mountPath: '/app/corpus' }),
    );
    expect(container.env).toContainEqual({ name: 'WATCH_CORPUS', value: 'true' });

    // What kubelet writes for that volume, read by the bot's own loader.
    const mount = await mkdtemp(join(tmpdir(), 'configmap-'));
    try {
      await mkdir(join(mount, '..2026_01_01_00_00_00.1'));
      for (const file of generator.files) {
        await copyFile(join(layout, file), join(mount, '..2026_01_01_00_00_00.1', basename(file)));
      }
      await symlink('..2026_01_01_00_00_00.1', join(mount, '..data'));
      for (const file of generator.files) await symlink(join('..data', basename(file)), join(mount, basename(file)));
      const index = await buildIndexFromFolder(mount);
      expect(index.corpus.documents.map((d) => d.file)).toEqual(generator.files.map((f) => basename(f)).sort());
      expect(index.corpus.warnings).toEqual([]);
    } finally {
      await rm(mount, { recursive: true, force: true });
    }
  }, 20_000);

  it('the ConfigMap sets only settings the bot reads, and no secret', () => {
    for (const key of Object.keys(configMap.data)) expect(CONFIG_VARIABLES, key).toContain(key);
    expect(Object.keys(configMap.data).filter((k) => /TOKEN|SECRET/.test(k))).toEqual([]);
    const secretKeys = examples
      .filter((m) => m.kind === 'Secret')
      .flatMap((m) => Object.keys((m as Manifest & { stringData: Record<string, string> }).stringData));
    for (const key of secretKeys) expect(CONFIG_VARIABLES, key).toContain(key);
  });

  it.each(deployments.map((d) => [d.metadata.name, d] as const))(
    '%s probes /healthz on the port the bot listens on',
    (_name, deployment) => {
      const container = deployment.spec.template.spec.containers[0]!;
      const port = container.ports.find((p) => p.name === 'http')!;
      expect(port.containerPort).toBe(Number(configMap.data.PORT));
      for (const probe of [container.startupProbe, container.readinessProbe, container.livenessProbe]) {
        expect(probe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      }
    },
  );

  it.each(deployments.map((d) => [d.metadata.name, d] as const))(
    '%s runs non-root, read-only, with resources and known env sources',
    (_name, deployment) => {
      const pod = deployment.spec.template.spec;
      const container = pod.containers[0]!;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
      });
      expect(container.resources.requests.memory).toBeDefined();
      expect(container.resources.limits.memory).toBeDefined();
      for (const source of container.envFrom) {
        if ('configMapRef' in source) expect(source.configMapRef.name).toBe(configMap.metadata.name);
        else expect(secretNames).toContain(source.secretRef.name);
      }
      for (const variable of container.env ?? []) expect(CONFIG_VARIABLES).toContain(variable.name);
    },
  );

  it('gives answers in flight time to finish inside Kubernetes grace period', () => {
    for (const deployment of deployments) {
      const pod = deployment.spec.template.spec;
      const preStop = Number(pod.containers[0]!.lifecycle?.preStop.exec.command[1] ?? 0);
      expect(preStop + Number(configMap.data.SHUTDOWN_TIMEOUT_SECONDS), deployment.metadata.name).toBeLessThan(
        pod.terminationGracePeriodSeconds,
      );
    }
  });

  it('autoscales the stateless HTTP Deployment, and runs the Discord gateway as exactly one pod', () => {
    const hpa = scaleOut.find((m) => m.kind === 'HorizontalPodAutoscaler') as Manifest & {
      spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number };
    };
    const http = deployments.find((d) => d.metadata.name === hpa.spec.scaleTargetRef.name)!;
    expect(
      http.spec.template.spec.containers[0]!.envFrom.some((s) => 'secretRef' in s && /discord/.test(s.secretRef.name)),
    ).toBe(false);
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);

    const discord = deployments.filter((d) =>
      d.spec.template.spec.containers[0]!.envFrom.some((s) => 'secretRef' in s && /discord/.test(s.secretRef.name)),
    );
    expect(discord).toHaveLength(1);
    expect(discord[0]!.spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    expect(discord[0]!.spec.template.spec.containers[0]!.env).toContainEqual({ name: 'DISCORD_SHARDS', value: 'auto' });
  });

  it('scale-out keeps its state in PostgreSQL: each bot pod reads DATABASE_URL from a Secret and mounts no data volume', () => {
    const patch = parseYaml(readFileSync(join(DEPLOY, 'scale-out', 'shared-store.yaml'), 'utf8'))[0] as Deployment;
    const http = deployments.find((d) => d.metadata.name === patch.metadata.name)!;
    const discord = scaleOut.find((m): m is Deployment => m.kind === 'Deployment')!;
    for (const deployment of [patch, discord])
      expect(readsSecret(deployment, DATABASE_SECRET), deployment.metadata.name).toBe(true);
    // The patch replaces the list: it must keep what the base Deployment reads.
    expect(patch.spec.template.spec.containers[0]!.envFrom).toEqual(
      expect.arrayContaining(http.spec.template.spec.containers[0]!.envFrom),
    );
    for (const deployment of [http, discord]) expect(dataMount(deployment), deployment.metadata.name).toBeUndefined();
    expect(scaleOut.filter((m) => m.kind === 'PersistentVolumeClaim')).toEqual([]);

    const secret = examples.find((m) => m.metadata.name === DATABASE_SECRET) as Manifest & {
      stringData: { DATABASE_URL: string };
    };
    expect(secret.stringData.DATABASE_URL).toMatch(/^postgres:\/\//);
  });

  it('the example PostgreSQL keeps its data on a volume, answers at the host of the example DATABASE_URL, and takes its password from a Secret', () => {
    const postgres = scaleOut.find((m) => m.kind === 'StatefulSet') as Manifest & {
      spec: {
        replicas: number;
        serviceName: string;
        volumeClaimTemplates: { metadata: { name: string } }[];
        template: {
          spec: {
            containers: {
              env: { name: string; valueFrom?: { secretKeyRef: { name: string } } }[];
              volumeMounts: { name: string }[];
            }[];
          };
        };
      };
    };
    expect(postgres.spec.replicas).toBe(1);
    const container = postgres.spec.template.spec.containers[0]!;
    const claim = postgres.spec.volumeClaimTemplates[0]!.metadata.name;
    expect(container.volumeMounts.map((m) => m.name)).toContain(claim);
    expect(container.env.find((e) => e.name === 'POSTGRES_PASSWORD')?.valueFrom?.secretKeyRef.name).toBeDefined();
    const service = scaleOut.find((m) => m.kind === 'Service' && m.metadata.name === postgres.spec.serviceName);
    expect(service).toBeDefined();
    const secret = examples.find((m) => m.metadata.name === DATABASE_SECRET) as Manifest & {
      stringData: { DATABASE_URL: string };
    };
    expect(new URL(secret.stringData.DATABASE_URL).hostname).toBe(postgres.spec.serviceName);
  });

  it.skipIf(!hasKubectl)(
    'both layouts render with kubectl kustomize: SQLite on a volume for one pod, PostgreSQL for scale-out',
    () => {
      const single = render('single-replica')!.filter((m): m is Deployment => m.kind === 'Deployment');
      expect(single).toHaveLength(1);
      expect(dataMount(single[0]!)).toBeDefined();
      const volume = single[0]!.spec.template.spec.volumes!.find((v) => v.name === dataMount(single[0]!)!.name);
      expect(volume?.persistentVolumeClaim?.claimName).toBe('backend-bot-data');
      expect(readsSecret(single[0]!, DATABASE_SECRET)).toBe(false);

      const rendered = render('scale-out')!;
      const bots = rendered.filter((m): m is Deployment => m.kind === 'Deployment');
      expect(bots.map((d) => d.metadata.name).sort()).toEqual(['backend-bot', 'backend-bot-discord']);
      for (const deployment of bots) {
        expect(readsSecret(deployment, DATABASE_SECRET), deployment.metadata.name).toBe(true);
        expect(dataMount(deployment), deployment.metadata.name).toBeUndefined();
        expect(deployment.spec.template.spec.containers[0]!.readinessProbe.httpGet.path).toBe('/healthz');
      }
      expect(rendered.map((m) => m.kind)).toEqual(
        expect.arrayContaining(['StatefulSet', 'HorizontalPodAutoscaler', 'ConfigMap']),
      );
    },
  );
});
