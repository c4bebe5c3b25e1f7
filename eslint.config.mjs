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
    // In the product, a list spread into a call's arguments overflows the stack past about 100,000
    // items (push(...rows), Math.max(...values), String.fromCharCode(...bytes)), and data lists get
    // that long: loop, or use an array method.
    files: ['src/**', 'webview/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression > SpreadElement', message: 'Do not spread a list into call arguments: loop or use an array method.' },
        { selector: 'NewExpression > SpreadElement', message: 'Do not spread a list into constructor arguments.' },
      ],
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
      'src/answerFile.ts',
      'src/answerCache.ts',
      'src/redact.ts',
      'src/contributions.ts',
      'src/lifecycle.ts',
      'src/settingsCheck.ts',
      'src/exportWriter.ts',
      'src/workspace/**',
      'src/sdkDependencies/**',
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
