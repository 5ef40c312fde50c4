/**
 * Batch inputs → one sorted, de-duplicated list of clips. A folder is walked recursively for video
 * files; a glob is matched below its literal base folder (folders it matches are walked too); an
 * explicit file is taken whatever its extension (the user named it); a glob keeps video files only. Hidden entries (`.x`, macOS
 * `._clip.mp4` shadow files) are skipped in walks. An input that yields nothing is a usage error,
 * so a typo in a path does not pass as an empty, all-green day.
 */
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { BadInputError } from '../errors.js';
import { globToRegExp, hasGlobMagic, splitGlobBase } from './glob.js';

export const VIDEO_EXTENSIONS = ['.mp4', '.mov', '.m4v', '.webm', '.mkv', '.avi'] as const;

export interface BatchInput {
  /** Absolute path: what the worker opens and what `--resume` matches on. */
  path: string;
  /** What reports show: relative to the working folder when inside it, else absolute; `/` separators. */
  file: string;
  /**
   * Path relative to the input it was found under (the folder argument, the glob's base folder, or
   * the file's own folder): the same on every machine however the share is mounted, so `--shard`
   * hashes it.
   */
  key: string;
}

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

export function isVideoFile(name: string): boolean {
  const lower = name.toLowerCase();
  return VIDEO_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Every file below `root` (absolute paths), skipping hidden entries and symlink loops. */
function walk(root: string, visit: (absPath: string) => void, seen = new Set<string>()): void {
  let real: string;
  try {
    real = realpathSync(root);
  } catch {
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new BadInputError(`cannot list folder ${root} (${code})`);
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(root, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const st = statOrNull(full);
      isDir = st?.isDirectory() ?? false;
      isFile = st?.isFile() ?? false;
    }
    if (isDir) walk(full, visit, seen);
    else if (isFile) visit(full);
  }
}

function displayPath(absPath: string, cwd: string): string {
  const rel = relative(cwd, absPath);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? toPosix(rel) : toPosix(absPath);
}

/**
 * Expand batch arguments. Throws BadInputError (exit 2) for an input that does not exist or
 * matches no video file. Sorted by `file` (code-point order, so the same on every machine).
 */
export function expandInputs(args: string[], cwd: string = process.cwd()): BatchInput[] {
  if (args.length === 0) throw new BadInputError('no input given: pass folders, globs (quote them) or video files');
  const byPath = new Map<string, BatchInput>();
  const add = (absPath: string, root: string): void => {
    if (byPath.has(absPath)) return;
    byPath.set(absPath, { path: absPath, file: displayPath(absPath, cwd), key: toPosix(relative(root, absPath)) });
  };

  for (const arg of args) {
    const absArg = resolve(cwd, arg);
    const st = statOrNull(absArg);
    let matched = 0;
    if (st?.isDirectory()) {
      walk(absArg, (p) => {
        if (isVideoFile(p)) {
          matched++;
          add(p, absArg);
        }
      });
      if (matched === 0) throw new BadInputError(`folder ${arg} holds no video files (${VIDEO_EXTENSIONS.join(' ')})`);
    } else if (st?.isFile()) {
      add(absArg, resolve(absArg, '..'));
      matched = 1;
    } else if (hasGlobMagic(arg)) {
      const pattern = toPosix(arg);
      const { base, rest } = splitGlobBase(pattern);
      const absBase = resolve(cwd, base);
      const regex = globToRegExp(rest);
      const baseStat = statOrNull(absBase);
      if (baseStat?.isDirectory()) {
        // walk every folder below the base once; match each path (and its parent folders) to the pattern
        const matchedDirs = new Set<string>();
        walk(absBase, (p) => {
          const rel = toPosix(relative(absBase, p));
          if (!isVideoFile(p)) return;
          if (regex.test(rel)) {
            matched++;
            add(p, absBase);
            return;
          }
          // a folder matched by the glob (e.g. `2026-11-*`) contributes its video files
          const parts = rel.split('/');
          for (let n = 1; n < parts.length; n++) {
            const dir = parts.slice(0, n).join('/');
            if (matchedDirs.has(dir) || regex.test(dir)) {
              matchedDirs.add(dir);
              matched++;
              add(p, absBase);
              break;
            }
          }
        });
      }
      if (matched === 0) throw new BadInputError(`${arg} matched no video files (${VIDEO_EXTENSIONS.join(' ')})`);
    } else {
      throw new BadInputError(`cannot read ${arg}: no such file or folder`);
    }
  }
  return [...byPath.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.path < b.path ? -1 : 1));
}
