// Preload for a service under the bench: records a V8 CPU profile of the whole process and writes it
// to $CPU_PROFILE_DIR/<pid>.cpuprofile when the process exits (open it in Chrome DevTools or speedscope).
// `--cpu-prof` is not allowed in NODE_OPTIONS, `--require` is:
//   --service-env "invoice-generation:NODE_OPTIONS=--require @swc-node/register --require ./bench/support/cpu-profile.ts"
//   --service-env "invoice-generation:CPU_PROFILE_DIR=/tmp/profiles"
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const directory = process.env.CPU_PROFILE_DIR ?? '.';
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 1000 });
session.post('Profiler.start');
let written = false;
function writeProfile(): void {
  if (written) return;
  written = true;
  // The in-process session answers synchronously, so the profile is written before the process ends.
  session.post('Profiler.stop', (error, result) => {
    if (error !== null) return;
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
}
process.on('exit', writeProfile);
// The harness stops a service with SIGTERM and kills it if its shutdown takes too long: the profile
// is written when the signal arrives; the service's own shutdown handler still runs.
process.on('SIGTERM', () => {
  writeProfile();
  if (process.listenerCount('SIGTERM') === 1) process.exit(143);
});
