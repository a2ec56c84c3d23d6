// Turns the command-line paths into the list of documents to read.
// Only paths and sizes are looked at here; reading and decoding happen in the
// workers so that the main thread never holds document text.
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { OUTPUT_MARKER } from './output-folder.js';

export const INPUT_EXTENSIONS = ['.txt', '.html', '.htm'] as const;
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface InputFile {
  /** The path as the user would recognise it (built from the argument they gave). */
  path: string;
  /** The document id: the file's base name, or a longer relative path when that base name was already taken. */
  doc: string;
  bytes: number;
}

export interface SkippedInput {
  path: string;
  reason: string;
}

export interface IngestResult {
  files: InputFile[];
  skipped: SkippedInput[];
}

export interface IngestOptions {
  maxFileBytes?: number;
  /** Read what symlinks outside the input folders point at (by default they are skipped and reported). */
  followExternalLinks?: boolean;
}

export const hasInputExtension = (file: string): boolean =>
  (INPUT_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());

// Code-point order, not locale order, so the same tree gives the same list everywhere.
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Found {
  path: string;
  /** Which argument it came from, and its path relative to that argument's parent (for disambiguating ids). */
  relative: string;
  bytes: number;
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'ELOOP': return 'symlink loop';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOTDIR': return 'not a directory';
    default: return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Expands files and folders (recursively) into the documents to read, in a stable order:
 * arguments in the order given, folder entries in code-point order.
 * Problems (missing paths, broken or looping links, oversized files) are returned, never thrown.
 */
export async function collectInputs(args: readonly string[], options: IngestOptions = {}): Promise<IngestResult> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const found: Found[] = [];
  const skipped: SkippedInput[] = [];
  // Real paths already taken: guards against symlink cycles and against reading one file twice.
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  // Where the arguments really are: a link found while walking them may point anywhere (a corpus with a
  // link to /etc/passwd), so only targets inside these are followed unless the user allows more.
  const roots: string[] = [];
  for (const arg of args) {
    try {
      roots.push(await realpath(arg));
    } catch {
      // reported below, when the argument itself is looked at
    }
  }
  const insideRoots = (real: string) => roots.some((root) => {
    const relative = path.relative(root, real);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  });

  async function addFile(filePath: string, relative: string, size: number, explicit: boolean): Promise<void> {
    if (!hasInputExtension(filePath)) {
      if (explicit) skipped.push({ path: filePath, reason: `not a ${INPUT_EXTENSIONS.join('/')} file` });
      return;
    }
    const real = await realpath(filePath);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    if (size > maxBytes) {
      skipped.push({ path: filePath, reason: `too large (${formatMb(size)} MB > ${formatMb(maxBytes)} MB limit)` });
      return;
    }
    found.push({ path: filePath, relative, bytes: size });
  }

  async function walkDir(dirPath: string, relative: string): Promise<void> {
    const real = await realpath(dirPath);
    if (seenDirs.has(real)) return; // a link back into a folder we are already reading
    seenDirs.add(real);
    let names: string[];
    try {
      names = (await readdir(dirPath)).sort(byCodePoint);
    } catch (err) {
      skipped.push({ path: dirPath, reason: `cannot list folder: ${describeFsError(err)}` });
      return;
    }
    // A folder kg build wrote (an --out inside the input folder): its texts are outputs, not inputs.
    if (names.includes(OUTPUT_MARKER)) return;
    for (const name of names) {
      const child = path.join(dirPath, name);
      const childRelative = path.join(relative, name);
      let info;
      try {
        info = await stat(child); // follows links: a link to a folder is walked, a link to itself fails with ELOOP
      } catch (err) {
        // Dangling or looping links only matter when they look like an input document.
        if (hasInputExtension(name)) skipped.push({ path: child, reason: describeFsError(err) });
        continue;
      }
      if (!options.followExternalLinks && (info.isDirectory() || hasInputExtension(name)) && (await lstat(child)).isSymbolicLink()) {
        const target = await realpath(child);
        if (!insideRoots(target)) {
          skipped.push({ path: child, reason: `symlink to ${target}, outside the input folders (--follow-external-links reads it)` });
          continue;
        }
      }
      if (info.isDirectory()) await walkDir(child, childRelative);
      else if (info.isFile()) await addFile(child, childRelative, info.size, false);
    }
  }

  for (const arg of args) {
    let info;
    try {
      info = await stat(arg);
    } catch (err) {
      skipped.push({ path: arg, reason: describeFsError(err) });
      continue;
    }
    const rootName = path.basename(path.resolve(arg));
    if (info.isDirectory()) await walkDir(arg, rootName);
    else if (info.isFile()) {
      const parentName = path.basename(path.dirname(path.resolve(arg)));
      await addFile(arg, path.join(parentName, rootName), info.size, true);
    } else skipped.push({ path: arg, reason: 'not a regular file or folder' });
  }

  return { files: assignDocIds(found), skipped };
}

/**
 * The contract says doc = the file's base name. When a base name repeats, the first
 * file keeps it and later ones get their relative path (with '/' separators), so every id is unique.
 */
function assignDocIds(found: readonly Found[]): InputFile[] {
  const taken = new Set<string>();
  return found.map((f) => {
    const base = path.basename(f.path);
    let doc = base;
    if (taken.has(doc)) doc = f.relative.split(path.sep).join('/');
    for (let n = 2; taken.has(doc); n++) doc = `${f.relative.split(path.sep).join('/')}~${n}`;
    taken.add(doc);
    return { path: f.path, doc, bytes: f.bytes };
  });
}

const formatMb = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 0);
