// The workspace's shared flat config, plus the globals k6 gives the load script.
import root from '../../eslint.config.mjs';

export default [
  ...root,
  {
    files: ['load/**/*.js'],
    languageOptions: { globals: { __ENV: 'readonly', __VU: 'readonly', __ITER: 'readonly' } },
  },
];
