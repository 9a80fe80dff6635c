#!/usr/bin/env bash
# Offline static checks of the serverless pipeline: SAM lint, asl-validator on every ASL file, checkov.
# Tools live apart from the main venv: aws-sam-cli and checkov in .venv-tools, asl-validator (pinned) in node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv-tools/bin/sam ] || [ ! -x .venv-tools/bin/checkov ]; then
  "$PYTHON" -m venv .venv-tools
  .venv-tools/bin/pip install --quiet aws-sam-cli==1.170.0 checkov==3.2.459
fi
if [ ! -x node_modules/.bin/asl-validator ]; then
  npm ci --no-audit --no-fund --silent
fi

echo "== sam validate --lint"
SAM_CLI_TELEMETRY=0 AWS_DEFAULT_REGION=us-east-1 .venv-tools/bin/sam validate --lint --template template.yaml

echo "== asl-validator"
for asl in statemachine/*.asl.json; do
  node_modules/.bin/asl-validator --json-path "$asl"
done

echo "== checkov"
.venv-tools/bin/checkov --file template.yaml --framework cloudformation --compact --quiet --skip-download
