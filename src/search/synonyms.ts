/**
 * Abbreviations and spellings folded to one form on both sides (documents and questions), so "k8s" finds
 * "Kubernetes" and "devs" finds "developers". Keys and values are single lowercase words.
 */
export const CANONICAL_WORDS: Readonly<Record<string, string>> = {
  k8s: 'kubernetes',
  kube: 'kubernetes',
  db: 'database',
  dbs: 'databases',
  js: 'javascript',
  ts: 'typescript',
  py: 'python',
  postgres: 'postgresql',
  psql: 'postgresql',
  mongo: 'mongodb',
  dev: 'developer',
  devs: 'developers',
  eng: 'engineer',
  infra: 'infrastructure',
  repo: 'repository',
  repos: 'repositories',
  auth: 'authentication',
  env: 'environment',
  config: 'configuration',
  perf: 'performance',
  sec: 'security',
  ml: 'machinelearning',
  node: 'nodejs',
  ppl: 'people',
  diff: 'difference',
  docs: 'documentation',
  doc: 'documentation',
  authn: 'authentication',
  authz: 'authorization',
  admin: 'administration',
  admins: 'administrators',
  prog: 'programming',
  lang: 'language',
  langs: 'languages',
  msg: 'message',
  app: 'application',
  apps: 'applications',
  restful: 'rest',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  ai: 'artificialintelligence',
};

/**
 * Multi-word spellings folded to one token before splitting, on both sides: "back-end", "back end" and
 * "backend" are one term, as are "CI/CD" and "e-commerce".
 */
export const CANONICAL_PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\bback[\s-]+end\b/g, 'backend'],
  [/\bfront[\s-]+end\b/g, 'frontend'],
  [/\bfull[\s-]+stack\b/g, 'fullstack'],
  [/\be[\s-]+commerce\b/g, 'ecommerce'],
  [/\bci\s*\/\s*cd\b/g, 'cicd'],
  [/\bnode\.?js\b/g, 'nodejs'],
  [/\bnode\s+js\b/g, 'nodejs'],
  [/\bc\+\+/g, 'cplusplus'],
  [/\bc#/g, 'csharp'],
  [/(^|\s)\.net\b/g, '$1dotnet'],
  [/\bopen[\s-]+source\b/g, 'opensource'],
  [/\bthird[\s-]+party\b/g, 'thirdparty'],
  [/\bmachine\s+learning\b/g, 'machinelearning'],
  [/\bartificial\s+intelligence\b/g, 'artificialintelligence'],
  [/\bday[\s-]+to[\s-]+day\b/g, 'daily'],
  [/\b(?:u\.?s\.? )?bureau of labou?r statistics\b/g, 'bls'],
];

/**
 * Groups of terms a question may use for the same idea. A question word in a group also searches the other
 * members, at a lower weight, so an exact wording still ranks first. Edit freely: members are plain words or
 * phrases, matched after the same stemming as the corpus.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['devops', 'cicd', 'continuous integration', 'continuous deployment', 'deployment automation'],
  ['kubernetes', 'container orchestration'],
  ['docker', 'container', 'containerization'],
  ['database', 'dbms', 'data storage'],
  ['salary', 'pay', 'compensation', 'earn', 'income', 'wage'],
  ['hourly', 'hour'],
  ['rate', 'fee', 'charge', 'cost', 'price'],
  ['job', 'role', 'position'],
  ['career', 'advance', 'growth'],
  ['daily', 'routine', 'typical day'],
  ['outlook', 'demand', 'employment', 'grow'],
  ['difference', 'compare', 'versus', 'differ'],
  ['become', 'start', 'learn', 'path'],
  ['test', 'testing', 'qa', 'unit testing'],
  ['security', 'secure', 'protect', 'vulnerability'],
  ['certification', 'certificate', 'certified'],
  ['api', 'endpoint', 'interface'],
  ['communicate', 'communication', 'explain'],
  ['ecommerce', 'shop', 'store', 'online store'],
  ['popular', 'common', 'widely used'],
  ['language', 'programming language'],
  ['framework', 'library'],
  ['server', 'hosting', 'infrastructure'],
];
