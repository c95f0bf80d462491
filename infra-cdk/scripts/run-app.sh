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

# The app is compiled for Java 21: the repository's JDK picker (JAVA_HOME, else a JDK 21+ in /usr/lib/jvm).
# shellcheck source=../../scripts/pick-jdk.sh
. ../scripts/pick-jdk.sh
vexil_pick_jdk || exit 1
java_bin="$JAVA_HOME/bin/java"

export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-1}
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=${JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION:-1}
exec "$java_bin" -cp "$classes:$(cat "$classpath_file")" dev.vexil.cdk.VexilApp
