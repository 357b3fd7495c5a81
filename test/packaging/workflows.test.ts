// The GitHub Actions workflows parse, and have the jobs and steps the release process rests on. They run
// only on GitHub; this checks their shape here, including on deliberately broken copies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { readmeSection, readText } from './helpers.ts';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
}
interface Job {
  name?: string;
  'runs-on': string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

function workflow(path: string): Workflow {
  return parseYaml(readText(path)) as Workflow;
}

function job(workflow: Workflow, id: string): Job {
  const found = workflow.jobs[id];
  assert.ok(found, `no job ${id}`);
  return found;
}

/** Index of the first step whose `run` matches, or -1. */
function runs(job: Job | undefined, pattern: RegExp): number {
  return job?.steps.findIndex((step) => pattern.test(step.run ?? '')) ?? -1;
}

/** What an Electron job must do, in order: install, build, fetch Electron, smoke test that cannot skip. */
function electronJobProblems(job: Job | undefined, label: string): string[] {
  if (!job) return [`${label}: no such job`];
  const problems: string[] = [];
  if (!job['runs-on'].startsWith('macos')) problems.push(`${label}: not on a macOS runner`);
  const order = [
    /^npm ci$/,
    /^npm run build$/,
    /node_modules\/electron\/install\.js/,
    /test\/electron\/\*\.e2e\.ts/,
  ];
  const at = order.map((pattern) => runs(job, pattern));
  at.forEach((index, i) => index === -1 && problems.push(`${label}: no step runs ${order[i]}`));
  if (at.some((index, i) => i > 0 && index < (at[i - 1] ?? 0))) problems.push(`${label}: steps out of order`);
  const smoke = job.steps[at[3] ?? -1];
  if (smoke?.env?.['IPQOS_REQUIRE_ELECTRON'] !== '1') problems.push(`${label}: the smoke test may skip`);
  const verify = runs(job, /build\/scripts\/verify-app\.ts/);
  if (verify === -1 || verify < runs(job, /electron-builder --mac/))
    problems.push(`${label}: package not verified`);
  // The packaged binary is started too (fuses, asar, signature are real only there), on the app just made.
  const launch = runs(job, /build\/scripts\/launch-packaged\.ts "release\/mac-[a-z0-9]+\/IPQoS Doctor\.app"/);
  if (launch === -1 || launch < verify) problems.push(`${label}: the packaged app is never started`);
  return problems;
}

function ciProblems(ci: Workflow): string[] {
  const problems: string[] = [];
  if (!('pull_request' in ci.on)) problems.push('ci: not run on pull requests');
  const linux = ci.jobs['linux-suite'];
  if (!linux?.['runs-on'].startsWith('ubuntu')) problems.push('ci: linux-suite not on Linux');
  if (runs(linux, /bash \.ci\/run/) === -1) problems.push('ci: linux-suite does not run .ci/run');
  return [...problems, ...electronJobProblems(ci.jobs['macos-smoke'], 'ci macos-smoke')];
}

function releaseProblems(release: Workflow): string[] {
  const problems: string[] = [];
  const tags = (release.on['push'] as { tags?: string[] } | undefined)?.tags ?? [];
  if (!tags.includes('v*')) problems.push('release: not run on v* tags');
  const job = release.jobs['release-macos'];
  problems.push(...electronJobProblems(job, 'release release-macos'));
  const attach = job?.steps.find((step) => /gh release create/.test(step.run ?? ''));
  for (const file of ['universal.dmg', 'universal.zip', 'latest-mac.yml']) {
    if (!attach?.run?.includes(file)) problems.push(`release: ${file} not attached to the release`);
  }
  const packageStep = job?.steps.find((step) => /electron-builder --mac/.test(step.run ?? ''));
  for (const variable of ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER']) {
    if (!packageStep?.run?.includes(variable)) problems.push(`release: packaging never sets ${variable}`);
  }
  if (!job?.steps.some((step) => /APPLE_API_KEY=/.test(step.run ?? '')))
    problems.push('release: no notarization key');
  return problems;
}

test('ci.yml: the Linux suite on pull requests, and the macOS build, smoke test and package', () => {
  assert.deepEqual(ciProblems(workflow('.github/workflows/ci.yml')), []);
  const broken = workflow('.github/workflows/ci.yml');
  const smoke = broken.jobs['macos-smoke']?.steps.find((step) => step.run?.includes('.e2e.ts'));
  delete smoke?.env;
  job(broken, 'linux-suite').steps = job(broken, 'linux-suite').steps.filter(
    (step) => !step.run?.includes('.ci/run'),
  );
  job(broken, 'macos-smoke').steps = job(broken, 'macos-smoke').steps.filter(
    (step) => !step.run?.includes('launch-packaged'),
  );
  assert.deepEqual(ciProblems(broken), [
    'ci: linux-suite does not run .ci/run',
    'ci macos-smoke: the smoke test may skip',
    'ci macos-smoke: the packaged app is never started',
  ]);
});

test('release.yml: on a v* tag, build, smoke test, package, sign and notarize, verify, attach dmg and zip', () => {
  assert.deepEqual(releaseProblems(workflow('.github/workflows/release.yml')), []);
  const broken = workflow('.github/workflows/release.yml');
  broken.on = { push: { branches: ['main'] } };
  const steps = job(broken, 'release-macos').steps;
  const build = steps.findIndex((step) => step.run === 'npm run build');
  steps.push(...steps.splice(build, 1)); // building after the smoke test is too late
  assert.deepEqual(releaseProblems(broken), [
    'release: not run on v* tags',
    'release release-macos: steps out of order',
  ]);
});

test('every secret the release workflow reads is named in the README', () => {
  const secrets = [...readText('.github/workflows/release.yml').matchAll(/secrets\.([A-Z0-9_]+)/g)].map(
    (m) => m[1],
  );
  const documented = readmeSection('Release');
  for (const secret of new Set(secrets)) {
    if (secret === 'GITHUB_TOKEN') continue;
    assert.ok(documented.includes(`\`${secret}\``), `${secret} is in the README's Release section`);
  }
  assert.ok(secrets.length > 0);
});
