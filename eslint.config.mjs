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
