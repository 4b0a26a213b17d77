// ESLint for the console's front end (services/console/assets): plain ES modules that the
// server sends to the browser as they are, with no build step. tests/run runs it.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    files: ['services/console/assets/**/*.js'],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: globals.browser,
    },
  },
  {
    // This file itself runs in Node.
    files: ['eslint.config.js'],
    languageOptions: {
      sourceType: 'module',
      globals: globals.node,
    },
  },
];
