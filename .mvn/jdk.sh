# Sourced by ./mvnw and ./bpfsign: selects a JDK 25 or stops with one line saying what to install.
# JAVA_HOME wins when it is a JDK 25; otherwise the first /usr/lib/jvm/*25* that has bin/java.
# The JDK's release file names its version; reading it costs nothing, unlike starting a JVM.
bpfsign_jdk_version() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}
bpfsign_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(bpfsign_jdk_version "$JAVA_HOME")" = 25 ]; then
    return 0
  fi
  for candidate in /usr/lib/jvm/*25*; do
    if [ -x "$candidate/bin/javac" ] && [ "$(bpfsign_jdk_version "$candidate")" = 25 ]; then
      JAVA_HOME=$candidate; export JAVA_HOME; return 0
    fi
  done
  echo "bpfsign: needs a JDK 25 (set JAVA_HOME to one, or install e.g. Temurin 25 into /usr/lib/jvm)" >&2
  exit 2
}
