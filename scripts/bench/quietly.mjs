// Runs a command with its output held back, shown only if it fails: the bench's stdout is its
// table or its JSON and nothing else.
import { spawn } from 'node:child_process';

export function quietly(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`\`${[command, ...args].join(' ')}\` failed (exit ${code}):\n${output}`),
          ),
    );
  });
}
