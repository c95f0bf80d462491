# Sourced by .ci/run, ./vexil-local and infra-cdk/scripts/run-app.sh: finds a JDK 21 or newer, first JAVA_HOME,
# then /usr/lib/jvm/*, and exports JAVA_HOME and PATH for it. Fails with a clear message when there is none.

vexil_java_major() {  # prints the major version of the JDK at $1, or nothing
  local release="$1/release"
  [ -x "$1/bin/javac" ] || return 0
  [ -f "$release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

vexil_pick_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    major=$(vexil_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "ERROR: Vexil needs a JDK 21 or newer. None was found in JAVA_HOME (${JAVA_HOME:-unset}) or /usr/lib/jvm/*." >&2
  echo "       Install one (e.g. Temurin 21 or 25) and point JAVA_HOME at it." >&2
  return 1
}
