/** Dependency direction (DEVELOPERS.md): domain/ is the core and imports no other folder of ours. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-the-core',
      severity: 'error',
      comment: 'domain/ declares ports; adapters implement them. It must not import outward.',
      from: { path: '^domain/' },
      to: { path: '^(gateway|commands|dialogs|adapters|tests)/' },
    },
    {
      name: 'adapters-not-upward',
      severity: 'error',
      comment: 'adapters/ implement domain ports; they do not reach into gateway, commands or dialogs.',
      from: { path: '^adapters/' },
      to: { path: '^(gateway|commands|dialogs)/' },
    },
    {
      name: 'commands-not-outward',
      severity: 'error',
      comment: 'commands/ and dialogs/ use domain/ only; the gateway wires adapters in.',
      from: { path: '^(commands|dialogs)/' },
      to: { path: '^(gateway|adapters)/' },
    },
    {
      name: 'dialogs-below-commands',
      severity: 'error',
      comment: 'commands use dialogs, dialogs use domain: a dialog never reaches back into commands/.',
      from: { path: '^dialogs/' },
      to: { path: '^commands/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
