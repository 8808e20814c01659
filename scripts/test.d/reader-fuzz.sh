#!/usr/bin/env bash
# The short fuzzing run of the test command: each fuzz target (record parser, gzip line reader, delivery-key parser,
# the policy check's YAML reader and whole project) for FUZZ_SECONDS (default 20 s, at most 60 s per target in CI). scripts/fuzz-reader.sh is the longer run.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FUZZ_SECONDS="${FUZZ_SECONDS:-20}" exec "$repo/scripts/fuzz-reader.sh"
