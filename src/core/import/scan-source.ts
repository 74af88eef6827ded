import fs from 'node:fs/promises';
import path from 'node:path';
import { EngramError } from '../errors';
import { resolveFormat, type SourceFormat } from '../importers/source-format';
import { DEFAULT_MAX_FILE_BYTES, errorCode, walkSource, type WalkedFile, type WalkSkip } from '../importers/walk-source';
import type { ImportRequest } from './import-models';

/** A source located and listed: its absolute root, settled format, the files to read and what was left out. */
export interface ScannedSource {
  readonly root: string;
  readonly isDirectory: boolean;
  readonly format: SourceFormat;
  readonly files: readonly WalkedFile[];
  readonly skipped: readonly WalkSkip[];
  /** The size limit of one file (reads stop there even if a file grew after the walk). */
  readonly maxFileBytes: number;
}

/** Finds the source, settles its format and lists its files. A missing path or an unknown single-file format is the user's to fix. */
export async function scanSource(request: ImportRequest, cwd: string, signal?: AbortSignal): Promise<ScannedSource> {
  if (typeof request?.path !== 'string' || !request.path.trim()) throw new EngramError('INVALID_INPUT', 'Say what to import: a folder, a vault or a file.');
  const root = path.resolve(cwd, request.path);
  const stat = await fs.stat(root).catch((error: unknown) => {
    throw new EngramError('INVALID_INPUT', `Cannot import ${root}: ${errorCode(error) === 'ENOENT' ? 'there is nothing there' : `it cannot be read (${errorCode(error)})`}.`);
  });
  const isDirectory = stat.isDirectory();
  const format = await resolveFormat(root, isDirectory, request.format ?? 'auto');
  if (!format) {
    throw new EngramError('INVALID_INPUT', `Cannot tell what kind of file ${path.basename(root)} is; pass a format (markdown, text, html, pdf, json, enex or chatgpt).`);
  }
  const maxFileBytes = request.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const walked = await walkSource(root, { maxFileBytes, exclude: request.exclude, followLinks: request.followLinks === true, signal });
  return { root, isDirectory, format, files: walked.files, skipped: walked.skipped, maxFileBytes };
}
