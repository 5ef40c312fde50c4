import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Video tests spawn ffmpeg; two cores, so keep parallelism modest.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'core', include: ['test/**/*.test.ts'], exclude: ['test/web/**'], sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: {
          name: 'web',
          include: ['test/web/**/*.test.ts'],
          // Each page test drives real Chromium playing a camera at 30 fps: one file at a time, after
          // the other tests, so their pages do not compete for the two cores with each other or ffmpeg.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          globalSetup: ['test/setup/web-build.ts'],
        },
      },
    ],
  },
});
