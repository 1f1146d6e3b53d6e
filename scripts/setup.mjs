#!/usr/bin/env node
// Idempotent set-up for a fresh Debian machine: Debian packages (as root), then npm ci when
// node_modules is missing or older than package-lock.json. Uses only Node built-ins, because
// it runs before any dependency is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { debianPackages } from './lib/debianPackages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (line) => process.stderr.write(`[setup] ${line}\n`);

function missingDebianPackages() {
  if (!existsSync('/usr/bin/dpkg-query')) return [];
  return debianPackages
    .map(([name]) => name)
    .filter((name) => {
      const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
      return !r.stdout.includes('install ok installed');
    });
}

function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    log(`缺少 Debian 软件包 / missing Debian packages: ${missing.join(' ')}`);
    log(`请以管理员身份安装 / install them as root: sudo apt-get install -y ${missing.join(' ')}`);
    return;
  }
  log(`正在安装 Debian 软件包 / installing: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: ['ignore', 'inherit', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio: ['ignore', 'inherit', 'inherit'], env });
}

function lockHash() {
  return createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
}

function ensureNodeModules() {
  const stamp = join(root, 'node_modules', '.courtdesk-lock-sha256');
  const want = lockHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  const env = { ...process.env };
  // The Electron binary is fetched from outside the npm registry; it is optional here
  // (`npm run electron:install` fetches it where that is possible) and the web host stands in.
  if (process.env.COURTDESK_WITH_ELECTRON !== '1') env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';
  if (existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  log('正在安装 npm 依赖 / running npm ci');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env });
  writeFileSync(stamp, want);
}

ensureDebianPackages();
ensureNodeModules();
