/**
 * `npm start`: builds only when the build is not current (build-state.js), then runs the server in
 * this same process. npm passes SIGTERM and SIGINT on to the process it started, so the server
 * itself receives them and drains; with a shell or a second process in between it did not.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { isBuildCurrent, markBuilt } = require('./build-state');

const ROOT = path.resolve(__dirname, '../..');

if (!isBuildCurrent()) {
  const startedAtMs = Date.now();
  console.log('Sources changed since the last build: building (npm run build:compile, build:console)');
  for (const step of ['build:compile', 'build:console']) {
    const build = spawnSync('npm', ['run', '--silent', step], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) {
      console.error(`The build failed (npm run ${step}: exit ${build.status ?? build.signal}); not starting`);
      process.exit(1);
    }
  }
  markBuilt(startedAtMs);
}
require(path.join(ROOT, 'dist/apps/admin-api/src/main.js'));
