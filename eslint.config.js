import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const noElectron = { group: ['electron', 'electron/*'], message: '只有 electron/ 可以引用 electron。' };
const noNative = { group: ['**/native/**', 'koffi'], message: 'core/ 通过 core 中声明的端口使用硬件，适配器在组合根注入。' };
const noHosts = { group: ['**/hosts/**', '**/renderer/**', '**/electron/**', '**/server/**'], message: 'core/ 不依赖任何宿主。' };
const noDom = { group: ['react', 'react-dom', 'antd'], message: 'core/ 是纯 Node 代码，不含界面。' };
const rendererOnlyContract = {
  group: ['**/core/*', '!**/core/contract', '**/core/*/**', '!**/core/contract/**', '**/native/**', '**/hosts/**', '**/server/**', 'node:*', 'better-sqlite3', 'koffi', 'sharp'],
  message: 'renderer/ 只能通过 core/contract 与工作站通信。',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['core/**'], rules: restrict([noElectron, noNative, noHosts, noDom]) },
  { files: ['core/contract/**'], rules: restrict([noElectron, noNative, noHosts, noDom, { group: ['node:*', 'better-sqlite3'], message: 'core/contract 同时运行于渲染进程，只能依赖 zod。' }]) },
  { files: ['native/**', 'hosts/**', 'server/**', 'scripts/**'], rules: restrict([noElectron]) },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } }, rules: restrict([noElectron, rendererOnlyContract]) },
);
