// ESLint for the pages' front end (services/*/assets): plain ES modules that the server sends
// to the browser as they are, with no build step. tests/run runs it.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    files: ['services/*/assets/**/*.js'],
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
