// Makes sure what integration tests need answers before they start: PostgreSQL (started if installed
// but stopped, databases created) and a Kafka broker (KAFKA_BROKERS, or the local one, started if
// nothing answers on 127.0.0.1:9092). Runs only when an integration test is selected.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function integrationGlobalSetup() {
  const root = path.resolve(__dirname, '..', '..');
  execFileSync('bash', [path.join(root, 'tools', 'postgres'), 'ensure'], { stdio: 'inherit' });
  if (!process.env.KAFKA_BROKERS) {
    execFileSync('bash', [path.join(root, 'tools', 'kafka'), 'start'], { stdio: 'inherit' });
  }
};
