import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, vi } from 'vitest';
import { main } from '../../src/cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `err-codemod <args>` in-process from `cwd`, capturing what it prints. */
export async function runCli(args: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(['node', 'err-codemod', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.chdir(previous);
    out.mockRestore();
    err.mockRestore();
    process.exitCode = 0;
  }
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test file's tests. */
export function tempDir(prefix = 'err-codemod-gate-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Writes `files` (path → text) under `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A git repository with `files` committed on branch `main`. */
export function gitRepo(files: Record<string, string>): string {
  const dir = tempDir();
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'err-codemod tests');
  git(dir, 'config', 'user.email', 'tests@example.invalid');
  git(dir, 'config', 'commit.gpgsign', 'false');
  writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}

/** Inserts `lines` before 1-based line `at` of a file. */
export function insertLines(file: string, at: number, lines: string[]): void {
  const text = fs.readFileSync(file, 'utf8').split('\n');
  text.splice(at - 1, 0, ...lines);
  fs.writeFileSync(file, text.join('\n'));
}

export const EXPRESS_APP = `'use strict';
const express = require('express');
const db = require('./db');

const router = express.Router();

router.get('/users/:id', async (req, res) => {
  try {
    const user = await db.findUser(req.params.id);
    res.json(user);
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});

router.get('/orders/:id', async (req, res) => {
  try {
    res.json(await db.findOrder(req.params.id));
  } catch (err) {
    res.status(500).send(err.stack);
  }
});

module.exports = router;
`;
