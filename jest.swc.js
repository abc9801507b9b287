// One SWC transform for every Jest project: TypeScript with legacy decorators and emitted
// decorator metadata (NestJS constructor injection needs it), compiled to CommonJS.
module.exports = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
