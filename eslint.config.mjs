import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.test-runs/**', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Only the extension host and tests may touch the `vscode` API; pure layers and the webview may not.
    files: [
      'src/api/**',
      'src/catalogue/**',
      'src/model/**',
      'src/presentation/**',
      'src/protocol.ts',
      'src/store.ts',
      'src/redact.ts',
      'src/contributions.ts',
      'src/lifecycle.ts',
      'src/settingsCheck.ts',
      'src/workspace/**',
      'src/tree/treeContent.ts',
      'webview/**',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Pure modules must not import vscode.' }] }] },
  },
  {
    // The UI toolkit is deprecated upstream; only webview/ui.ts may know it.
    files: ['webview/**'],
    ignores: ['webview/ui.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode', '@vscode/webview-ui-toolkit'] }] },
  },
);
