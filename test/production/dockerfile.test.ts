/**
 * What can be checked of the Dockerfile without a Docker engine: that every file it copies is in the build context,
 * that what the runtime stage takes from the build stage is made there, and that the image runs the command the
 * README documents, as a non-root user, with a health check on /healthz.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { START_DIR, START_ENTRIES } from '../../scripts/bundle.js';
import { loadConfig } from '../../src/config.js';
import { REPO } from './botProcess.js';

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

/** Splits a Dockerfile into stages of instructions, joining continued lines and dropping comments. */
function parseDockerfile(text: string): Stage[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [, base = '', name = String(stages.length)] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args) ?? [];
      stages.push({ name, base, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/** COPY's flags, sources and destination (shell form, as this Dockerfile writes it). */
function copyParts(args: string): { from?: string | undefined; sources: string[]; dest: string } {
  const words = args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith('--'));
  const paths = words.filter((w) => !w.startsWith('--'));
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
  return { from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
}

/** Where COPY puts its sources: into the destination folder (`./`, `dir/`, several sources), or at the destination. */
function landsAt(workdir: string, copy: { sources: string[]; dest: string }): string[] {
  const dest = posix.join(workdir, copy.dest);
  const intoFolder = copy.dest.endsWith('/') || copy.dest === '.' || copy.sources.length > 1;
  return intoFolder ? copy.sources.map((s) => posix.join(dest, posix.basename(s))) : [dest];
}

/** Whether .dockerignore keeps `path` out of the build context (its patterns: names, `*` globs, `!` exceptions). */
function ignoredByDockerignore(path: string, patterns: string[]): boolean {
  const toRegex = (p: string) =>
    new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/.*)?$`);
  let ignored = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    if (toRegex(pattern).test(path)) ignored = !negated;
  }
  return ignored;
}

const dockerfile = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
const stages = parseDockerfile(dockerfile);
const build = stages[0]!;
const runtime = stages.at(-1)!;
const dockerignore = readFileSync(join(REPO, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const packageJson = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const tsconfig = JSON.parse(readFileSync(join(REPO, 'tsconfig.json'), 'utf8')) as {
  compilerOptions: { outDir: string; rootDir: string };
};

const instructions = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
const execForm = (args: string) => JSON.parse(args) as string[];

describe('Dockerfile', () => {
  it('has a build stage and a slim runtime stage', () => {
    expect(stages).toHaveLength(2);
    expect(build.base).toMatch(/^node:20/);
    expect(runtime.base).toMatch(/^node:20[\w.-]*-slim$/);
  });

  it('copies into the build only files that exist and that .dockerignore lets through', () => {
    const sources = stages.flatMap((stage) =>
      instructions(stage, 'COPY')
        .map((i) => copyParts(i.args))
        .filter((c) => !c.from),
    );
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources.flatMap((c) => c.sources)) {
      expect(existsSync(join(REPO, source)), `${source} exists`).toBe(true);
      expect(ignoredByDockerignore(posix.normalize(source), dockerignore), `${source} is not ignored`).toBe(false);
    }
  });

  it('takes from the build stage only what the build stage copied in or made', () => {
    const workdir = instructions(build, 'WORKDIR').at(-1)!.args;
    const runs = instructions(build, 'RUN').map((i) => i.args);
    const made = [
      ...instructions(build, 'COPY').flatMap((i) => landsAt(workdir, copyParts(i.args))),
      // `npm ci` installs node_modules; `npm run build` compiles to tsconfig's outDir; build-index writes INDEX_FILE.
      ...(runs.some((r) => /\bnpm ci\b/.test(r)) ? [posix.join(workdir, 'node_modules')] : []),
      ...(runs.some((r) => /\bnpm run build\b/.test(r)) ? [posix.join(workdir, tsconfig.compilerOptions.outDir)] : []),
      ...runs.flatMap(
        (r) =>
          /INDEX_FILE=(\S+)/
            .exec(r)
            ?.slice(1)
            .map((file) => posix.dirname(file)) ?? [],
      ),
    ];
    const taken = instructions(runtime, 'COPY').map((i) => copyParts(i.args));
    expect(taken.every((c) => c.from === build.name)).toBe(true);
    for (const source of taken.flatMap((c) => c.sources)) {
      expect(
        made.some((m) => source === m || source.startsWith(`${m}/`)),
        `${source} is made in the build stage`,
      ).toBe(true);
    }
  });

  it('ships production dependencies only', () => {
    const runs = instructions(build, 'RUN').map((i) => i.args);
    const pruned = runs.findIndex((r) => /npm prune --omit=dev/.test(r));
    expect(pruned).toBe(runs.length - 1);
    expect(instructions(runtime, 'RUN').some((i) => /\bnpm (ci|install|i)\b/.test(i.args))).toBe(false);
  });

  it('runs the command README documents (npm start), which is the bundled entry point', () => {
    const cmd = execForm(instructions(runtime, 'CMD').at(-1)!.args);
    expect(cmd.join(' ')).toBe(packageJson.scripts.start);
    const entry = cmd.at(-1)!;
    expect(entry).toBe(`${START_DIR}/main.js`);
    expect(
      cmd.slice(1, -1).every((option) => option.startsWith('--')),
      'only node options before the entry',
    ).toBe(true);
    expect(
      START_DIR.startsWith(`${tsconfig.compilerOptions.outDir}/`),
      'the bundle is in the dist/ the image copies',
    ).toBe(true);
    expect(existsSync(join(REPO, START_ENTRIES.main)), `${START_ENTRIES.main} is bundled to ${entry}`).toBe(true);
    expect(packageJson.scripts.build, 'npm run build (run in the image) makes the bundle').toMatch(
      /&& node dist\/scripts\/bundle\.js$/,
    );
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    expect(readme.includes(cmd.join(' ')) || readme.includes('npm start')).toBe(true);
  });

  it('runs as the unprivileged node user, with a health check on /healthz, the port exposed, and data as a volume', () => {
    expect(instructions(runtime, 'USER').at(-1)?.args).toBe('node');
    const env = instructions(runtime, 'ENV')
      .map((i) => i.args)
      .join(' ');
    const port = /\bPORT=(\d+)/.exec(env)?.[1];
    const dataDir = /\bDATA_DIR=(\S+)/.exec(env)?.[1];
    expect(instructions(runtime, 'EXPOSE').map((i) => i.args)).toEqual([port]);
    expect(execForm(instructions(runtime, 'VOLUME')[0]!.args)).toEqual([dataDir]);
    const healthcheck = instructions(runtime, 'HEALTHCHECK')[0]!.args;
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*\/healthz.*"\]$/);
    expect(healthcheck).toContain('process.env.PORT');
    expect(env).toMatch(/NODE_ENV=production/);
  });

  it('ships compiled code for every script users run (ask, insights, register, build-index), with no tsx needed', () => {
    const build = JSON.parse(readFileSync(join(REPO, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    const outDir = tsconfig.compilerOptions.outDir;
    expect(
      instructions(runtime, 'COPY').some((i) => copyParts(i.args).sources.includes(posix.join('/app', outDir))),
    ).toBe(true);
    for (const name of ['ask', 'insights', 'register', 'build-index']) {
      const script = packageJson.scripts[name]!;
      const [, compiled] = new RegExp(`^node ${outDir}/(\\S+)\\.js(\\s|$)`).exec(script) ?? [];
      expect(compiled, `npm run ${name} (${script}) runs ${outDir}/…js`).toBeDefined();
      expect(existsSync(join(REPO, `${compiled}.ts`)), `${compiled}.ts exists`).toBe(true);
      expect(
        build.include.some((folder) => compiled!.startsWith(`${folder}/`)),
        `${compiled}.ts is compiled`,
      ).toBe(true);
    }
  });

  it('keeps its own settings when run with --env-file .env copied from .env.example', () => {
    const workdir = instructions(runtime, 'WORKDIR').at(-1)!.args;
    // The image's ENV, with its working directory moved to a scratch folder that has the same layout.
    const app = mkdtempSync(join(tmpdir(), 'image-app-'));
    mkdirSync(join(app, 'corpus'));
    const image = Object.fromEntries(
      instructions(runtime, 'ENV')
        .flatMap((i) => [...i.args.matchAll(/(\w+)=(\S+)/g)])
        .map(([, name, value]) => [name!, value!.replace(new RegExp(`^${workdir}(?=/|$)`), app)]),
    );
    // `docker run --env-file` sets every NAME=value line, blank ones included, over the image's ENV.
    const copied = parse(readFileSync(join(REPO, '.env.example'), 'utf8'));
    const running = { ...image, ...copied };
    expect(running.NODE_ENV).toBe(image.NODE_ENV);
    const { logPretty: _imagePretty, ...imageConfig } = loadConfig(image, app);
    const { logPretty: _runningPretty, ...runningConfig } = loadConfig(running, app);
    expect(runningConfig).toEqual(imageConfig);
  });

  it('is documented the same way everywhere: .env created first, one data volume name, WATCH_CORPUS on by default', () => {
    const docs = ['README.md', join('deploy', 'README.md'), 'Dockerfile'].map(
      (file) => [file, readFileSync(join(REPO, file), 'utf8')] as const,
    );
    const volumes = new Set<string>();
    for (const [file, text] of docs) {
      const runs = text.split('\n').filter((line) => /docker run\b.*--env-file \.env/.test(line));
      expect(runs.length, file).toBeGreaterThan(0);
      for (const run of runs) for (const [, name] of run.matchAll(/-v ([\w-]+):\/app\/data/g)) volumes.add(name!);
      expect(text, file).toMatch(/cp \.env\.example \.env/);
      expect(text, `${file} tells Docker users to turn on what is on`).not.toMatch(/-e WATCH_CORPUS=true/);
    }
    expect([...volumes]).toEqual(['backend-bot-data']);
  });

  it('keeps node_modules, .env and test output out of the build context', () => {
    for (const path of ['node_modules', '.env', '.env.production', 'coverage', 'test-output', 'dist']) {
      expect(ignoredByDockerignore(path, dockerignore), path).toBe(true);
    }
    expect(ignoredByDockerignore('.env.example', dockerignore)).toBe(false);
  });
});
