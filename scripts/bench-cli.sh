#!/usr/bin/env bash
# How the benchmark scripts run a build of the CLI (sourced, not run): a path ending in .dll is a JIT build and runs
# under dotnet; anything else is the native executable (./auditinfra's build, scripts/publish.sh) and runs on its own.

# cli_words BUILD: the command as shell-quoted words, for command lines kept as strings (bash -c, eval).
cli_words() { if [[ $1 == *.dll ]]; then printf 'dotnet %q' "$1"; else printf '%q' "$1"; fi; }

# cli_argv BUILD: the command as the array CLI_ARGV, to run directly: cli_argv "$build"; "${CLI_ARGV[@]}" verify ...
cli_argv() { if [[ $1 == *.dll ]]; then CLI_ARGV=(dotnet "$1"); else CLI_ARGV=("$1"); fi; }
