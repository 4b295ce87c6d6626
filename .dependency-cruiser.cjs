/**
 * The boundaries of the codebase, checked by `npm run lint:deps` (part of `npm test`). Each rule says why it
 * exists; ARCHITECTURE.md says where each kind of change goes. Data flows one way:
 * files -> passages (corpus) -> index (search, index) -> answers (answer) -> service -> adapters.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can be understood, tested or moved without the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-knows-no-adapter',
      severity: 'error',
      comment: 'The core knows no platform. Only the composition root (src/main.ts) wires adapters in.',
      from: { path: '^src/', pathNot: '^src/main\\.ts$' },
      to: { path: '^adapters/' },
    },
    {
      name: 'adapters-stay-apart',
      severity: 'error',
      comment:
        'An adapter never imports another. One that shows another platform (the web playground) gets its renderers ' +
        'from the composition root, through the PreviewRenderer interface in src/service/previewRenderer.ts.',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/', pathNot: '^adapters/$1/' },
    },
    {
      name: 'corpus-is-upstream',
      severity: 'error',
      comment:
        'Files -> passages comes first: the corpus reads files and knows nothing of indexes, answers or the service.',
      from: { path: '^src/corpus/' },
      to: { path: '^src/(search|index|answer|service|feedback|observability)/' },
    },
    {
      name: 'search-is-pure',
      severity: 'error',
      comment:
        'Search ranks passages in memory; the index life cycle (files, workers, snapshots, reload) lives in src/index/.',
      from: { path: '^src/search/' },
      to: { path: '^src/(index|answer|service|feedback|observability)/' },
    },
    {
      name: 'answers-do-not-manage-the-index',
      severity: 'error',
      comment:
        'Answering reads an index it is given; building and swapping indexes is src/index/, wired by src/main.ts.',
      from: { path: '^src/(answer|service)/' },
      to: { path: '^src/(index|observability)/' },
    },
    {
      name: 'tests-do-not-reach-into-shared',
      severity: 'error',
      comment: 'The repository stands alone: copy what a test needs into test/fixtures/.',
      from: {},
      to: { path: '^\\.\\./' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
