// Regenerates fixtures/ from the built renderer (run `npm run fixtures`, which builds first).
// LEDSCOPE_DIST may point at another build directory.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.LEDSCOPE_DIST ?? join(root, 'dist');
const { makeFixtures } = await import(pathToFileURL(join(dist, 'synth', 'fixtures.js')).href);

const started = Date.now();
const report = await makeFixtures(join(root, 'fixtures'), (line) => console.log(line));
console.log(
  `${report.clips.length} clips, ${(report.totalBytes / 1024 / 1024).toFixed(2)} MB with labels, in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
