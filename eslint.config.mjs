import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'tools/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Layers point one way: extension.ts → commands → pairing, review, views, anchors → ui → notes,
    // workspace → core. Only the composition root registers commands.
    files: ['src/**/*.ts'],
    ignores: ['src/extension.ts', 'src/commands/**', 'src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/commands/*', './commands/*'], message: 'Only src/extension.ts imports src/commands; move shared services to src/ui.' }] },
      ],
    },
  },
  {
    // The shared UI services and the notes model sit below every feature folder.
    files: ['src/ui/**/*.ts', 'src/notes/**/*.ts', 'src/workspace/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/commands/*', '**/pairing/*', '**/review/*', '**/views/*', '**/anchors/*', '**/ui/*'],
              message: 'src/ui, src/notes and src/workspace must not import feature folders above them.',
            },
          ],
        },
      ],
    },
  },
  {
    // The domain core is plain TypeScript: no editor, no git client, no Live Share.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core must not depend on the editor; pass what it needs through a port.' },
            { name: 'simple-git', message: 'src/core must not run git; use src/notes.' },
            { name: 'vsls', message: 'src/core must not call Live Share; use src/pairing.' },
          ],
          patterns: [{ group: ['vsls/*', 'simple-git/*', '../notes/*', '../views/*', '../commands/*'], message: 'src/core depends on nothing outside itself.' }],
        },
      ],
    },
  },
);
