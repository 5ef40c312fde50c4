/**
 * Which ffmpeg / ffprobe binary we run, and why. Order: the LEDSCOPE_FFMPEG / LEDSCOPE_FFPROBE
 * environment variable; else one on the PATH when it is newer than the bundled one; else the npm
 * packages @ffmpeg-installer/ffmpeg / @ffprobe-installer/ffprobe. Resolved once per process.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, chmodSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join, resolve as resolvePath } from 'node:path';
import { EXIT, firstLine, LedscopeError } from '../errors.js';

export type BinaryOrigin = 'env' | 'path' | 'npm';

export interface ResolvedBinary {
  path: string;
  origin: BinaryOrigin;
  /** The version word from `-version` (e.g. "6.1.1", "N-47683-g0e8eb07980-static"). */
  version: string;
  /** Major release when the version names one (git snapshots don't). */
  major: number | null;
  /** Last year of the copyright line: a release date for git snapshots. */
  year: number | null;
  /** Why this one was chosen, for `ledscope doctor`. */
  reason: string;
}

type Tool = 'ffmpeg' | 'ffprobe';

const ENV_VAR: Record<Tool, string> = { ffmpeg: 'LEDSCOPE_FFMPEG', ffprobe: 'LEDSCOPE_FFPROBE' };
const NPM_PACKAGE: Record<Tool, string> = {
  ffmpeg: '@ffmpeg-installer/ffmpeg',
  ffprobe: '@ffprobe-installer/ffprobe',
};

const cache = new Map<Tool, ResolvedBinary>();

export function resolveFfmpeg(): ResolvedBinary {
  return resolve('ffmpeg');
}

export function resolveFfprobe(): ResolvedBinary {
  return resolve('ffprobe');
}

/**
 * The path as ffmpeg/ffprobe must see it: absolute. A relative `cam:1.mp4` is read as the protocol
 * `cam:` ("Protocol not found"), `http:clip.mp4` as a URL and `-x.mp4` as an option; an absolute
 * path starts with `/` (or a drive letter, which ffmpeg knows) and is always a plain file.
 */
export function ffmpegInputPath(file: string): string {
  return resolvePath(file);
}

/** Forget the cached choice (tests that change the environment). */
export function resetBinaryCache(): void {
  cache.clear();
}

export interface VersionFacts {
  version: string;
  major: number | null;
  year: number | null;
}

/** Read "ffmpeg version 6.1.1-3ubuntu5 Copyright (c) 2000-2023 …" or a git-snapshot line. */
export function parseVersionLine(firstLine: string): VersionFacts {
  const version = /version\s+(\S+)/.exec(firstLine)?.[1] ?? 'unknown';
  // "n6.0", "6.1.1-3ubuntu5", "7.0-static"; "N-47683-g…" is a git snapshot with no release number.
  const release = /^n?(\d+)\.(\d+)/.exec(version);
  const major = release ? Number(release[1]) : null;
  const years = /\(c\)\s*\d{4}-(\d{4})/i.exec(firstLine);
  const year = years ? Number(years[1]) : null;
  return { version, major, year };
}

/**
 * A PATH binary wins when it is a modern release (≥ 5) or was built after the bundled one; the
 * bundled ffmpeg is a 2018 snapshot, which decodes fine but lacks newer options and codecs.
 */
export function pathIsPreferred(onPath: VersionFacts, bundled: VersionFacts | null): boolean {
  if (onPath.major !== null && onPath.major >= 5) return true;
  if (bundled === null) return true;
  if (onPath.year !== null && bundled.year !== null) return onPath.year > bundled.year;
  if (onPath.major !== null && bundled.major !== null) return onPath.major > bundled.major;
  return false;
}

function resolve(tool: Tool): ResolvedBinary {
  const cached = cache.get(tool);
  if (cached) return cached;
  const chosen = choose(tool);
  cache.set(tool, chosen);
  return chosen;
}

function choose(tool: Tool): ResolvedBinary {
  const envPath = process.env[ENV_VAR[tool]];
  if (envPath) {
    const facts = readVersion(envPath);
    if (!facts) {
      throw new LedscopeError(
        `${ENV_VAR[tool]}=${envPath} is not a runnable ${tool}; point it at a working ${tool} binary or unset it`,
        EXIT.failed,
      );
    }
    return { path: envPath, origin: 'env', ...facts, reason: `set by ${ENV_VAR[tool]}` };
  }

  const npm = npmBinary(tool);
  const npmFacts = npm.path ? readVersion(npm.path) : null;
  const onPath = findOnPath(tool);
  const pathFacts = onPath ? readVersion(onPath) : null;

  if (onPath && pathFacts && (!npmFacts || pathIsPreferred(pathFacts, npmFacts))) {
    const reason = npmFacts ? `on PATH and newer than the bundled ${npmFacts.version}` : 'on PATH (no usable bundled build)';
    return { path: onPath, origin: 'path', ...pathFacts, reason };
  }
  if (npm.path && npmFacts) {
    const reason = onPath
      ? `bundled ${NPM_PACKAGE[tool]}; the PATH one (${onPath}, ${pathFacts?.version ?? 'not runnable'}) is not newer`
      : `bundled ${NPM_PACKAGE[tool]}; none on PATH`;
    return { path: npm.path, origin: 'npm', ...npmFacts, reason };
  }

  const problem = npm.problem ?? (npm.path ? `${npm.path} does not run` : null);
  const why = problem ? ` (${problem})` : '';
  throw new LedscopeError(
    `${tool} not found${why}: install ffmpeg (e.g. apt install ffmpeg), set ${ENV_VAR[tool]}=/path/to/${tool}, or run npm install ${NPM_PACKAGE[tool]}`,
    EXIT.failed,
  );
}

/** The npm package's binary, made executable when npm skipped the package's chmod postinstall. */
function npmBinary(tool: Tool): { path: string | null; problem: string | null } {
  let binPath: string;
  try {
    const require = createRequire(import.meta.url);
    binPath = (require(NPM_PACKAGE[tool]) as { path: string }).path;
  } catch (error) {
    return { path: null, problem: `${NPM_PACKAGE[tool]}: ${firstLine(error)}` };
  }
  const problem = ensureExecutable(binPath);
  if (problem) return { path: null, problem };
  return { path: binPath, problem: null };
}

/**
 * npm 11 skips install scripts unless allowed, so the packages' `chmod u+x` may never have run.
 * Returns null when the file is (now) executable, else one line saying what to do.
 */
export function ensureExecutable(file: string): string | null {
  if (isExecutable(file)) return null;
  try {
    chmodSync(file, statSync(file).mode | 0o111);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? firstLine(error);
    return `${file} is not executable and chmod failed (${code}); run chmod +x on it`;
  }
  return isExecutable(file) ? null : `${file} is not executable even after chmod; run chmod +x on it`;
}

function findOnPath(tool: Tool): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, tool);
    try {
      if (statSync(candidate).isFile() && isExecutable(candidate)) return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function readVersion(binPath: string): VersionFacts | null {
  try {
    const out = execFileSync(binPath, ['-hide_banner', '-version'], {
      encoding: 'utf8',
      timeout: 10_000,
      killSignal: 'SIGKILL',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const line = out.split('\n')[0] ?? '';
    return /version/.test(line) ? parseVersionLine(line) : null;
  } catch {
    return null;
  }
}
