/**
 * The Kubernetes manifests read against the bot: probes on the port and path it serves, settings it knows, secrets
 * kept out of the ConfigMap, a shutdown budget that fits Kubernetes' grace period, and one Discord gateway pod.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.js';
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
      };
    };
  };
}

function manifestsIn(dir: string): Manifest[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS() as Manifest));
}

const base = manifestsIn(join(DEPLOY, 'base'));
const scaleOut = manifestsIn(join(DEPLOY, 'scale-out'));
const examples = manifestsIn(DEPLOY);
const configMap = base.find((m) => m.kind === 'ConfigMap') as Manifest & { data: Record<string, string> };
const deployments = [...base, ...scaleOut].filter((m): m is Deployment => m.kind === 'Deployment');
const secretNames = examples.filter((m) => m.kind === 'Secret').map((m) => m.metadata.name);

describe('deploy/ manifests', () => {
  it('every kustomization lists files that exist', () => {
    for (const layout of ['base', 'scale-out', 'single-replica']) {
      const file = join(DEPLOY, layout, 'kustomization.yaml');
      const kustomization = parseAllDocuments(readFileSync(file, 'utf8'))[0]!.toJS() as {
        resources: string[];
        patches?: { path: string }[];
      };
      for (const entry of [...kustomization.resources, ...(kustomization.patches ?? []).map((p) => p.path)]) {
        expect(existsSync(join(dirname(file), entry)), `${layout}: ${entry}`).toBe(true);
      }
    }
  });

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
});
