#!/usr/bin/env bash
# The "app" of cdk.json: runs dev.vexil.cdk.VexilApp on the module's compiled classes and runtime classpath.
# The CDK CLI passes the context (cdk.json + -c ...) and the output directory through the environment.
set -euo pipefail
cd "$(dirname "$0")/.."

classes=target/classes
classpath_file=target/classpath.txt
if [ ! -d "$classes/dev/vexil/cdk" ] || [ ! -f "$classpath_file" ]; then
  echo "ERROR: infra-cdk is not built. From the repository root run:" >&2
  echo "       ./mvnw -B -ntp -pl infra-cdk -am package -DskipTests" >&2
  exit 1
fi

java_major() {  # the major version of the java executable $1, or 0
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -1
}

# The app is compiled for Java 21: JAVA_HOME if set, else the java on the PATH, else a JDK 21+ in /usr/lib/jvm.
java_bin=""
for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
    java_bin="$candidate"
    break
  fi
done
if [ -z "$java_bin" ]; then
  echo "ERROR: the Vexil CDK app needs Java 21 or newer; point JAVA_HOME at a JDK 21+." >&2
  exit 1
fi

export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-1}
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=${JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION:-1}
exec "$java_bin" -cp "$classes:$(cat "$classpath_file")" dev.vexil.cdk.VexilApp
