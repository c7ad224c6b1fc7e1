// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {ignores: ['dist/', 'coverage/']},
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_'}],
      // Models declare their (empty until used) relations as an interface.
      '@typescript-eslint/no-empty-object-type': [
        'error',
        {allowInterfaces: 'always'},
      ],
    },
  },
);
