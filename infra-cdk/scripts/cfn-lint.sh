#!/usr/bin/env bash
# Lints every CloudFormation template the tests synthesized (<dir>/*.template.json for each directory given:
# target/cdk.out for the cdk.json stages, target/cdk.out.configured for the optional settings, target/cdk.out.console
# for a stage with the admin console) with cfn-lint.
# Fails, never skips, when cfn-lint is missing or when a directory has nothing to lint.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: cfn-lint.sh <cdk.out directory>..." >&2; exit 2; }

if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "ERROR: cfn-lint is not on the PATH; the infrastructure build lints every synthesized template." >&2
  echo "       Install it (pip install cfn-lint) or put it on the PATH, then rerun. See README.md prerequisites." >&2
  exit 1
fi

shopt -s nullglob
templates=()
for out_dir in "$@"; do
  found=("$out_dir"/*.template.json)
  if [ ${#found[@]} -eq 0 ]; then
    echo "ERROR: no templates in $out_dir; the infra-cdk tests synthesize them (run without -DskipTests)." >&2
    exit 1
  fi
  templates+=("${found[@]}")
done

echo "cfn-lint $(cfn-lint --version 2>&1 | awk '{print $2}') on: ${templates[*]##*/}"
# W3005 (a DependsOn that a GetAtt already implies) is how CDK orders a function after its role's policy; it is
# redundant, not wrong. Everything else, warnings included, fails the build.
if cfn-lint --format parseable --ignore-checks W3005 -- "${templates[@]}"; then
  echo "cfn-lint: no findings"
else
  echo "ERROR: cfn-lint reported the findings above." >&2
  exit 1
fi
