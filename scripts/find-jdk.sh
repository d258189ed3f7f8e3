# Sourced by ./celeriac and ./run-tests: sets JAVA_HOME to a JDK 21 or newer, or exits 2 saying why.
# Order: $JAVA_HOME when set (it must be a JDK 21+: one that is not is an error, never silently
# replaced), else the newest 21+ JDK under /usr/lib/jvm, else `java` on PATH.

# The major version of JDK binary $1: from the JDK's release file (instant), else by asking it
# (a JVM start, ~0.15 s on every command).
java_major() {
  local release major
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n1)
    if [ -n "$major" ]; then
      echo "$major"
      return
    fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    if [ ! -x "$JAVA_HOME/bin/java" ]; then
      echo "celeriac: JAVA_HOME=$JAVA_HOME holds no bin/java; point it at a JDK 21 or newer, or unset it." >&2
      exit 2
    fi
    major=$(java_major "$JAVA_HOME/bin/java")
    if ! [ "${major:-0}" -ge 21 ] 2>/dev/null; then
      echo "celeriac: JAVA_HOME=$JAVA_HOME is Java ${major:-of unknown version}; Celeriac needs 21 or newer (set JAVA_HOME to one, or unset it to let ./celeriac find one)." >&2
      exit 2
    fi
    return 0
  fi
  for candidate in /usr/lib/jvm/*/bin/javac /usr/local/lib/jvm/*/bin/javac /opt/java/*/bin/javac /opt/*/bin/javac; do
    [ -x "$candidate" ] || continue
    major=$(java_major "$(dirname "$candidate")/java")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best=$(dirname "$(dirname "$candidate")")
      best_major=$major
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(readlink -f "$(command -v javac)")
    major=$(java_major "$(dirname "$candidate")/java")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then
      best=$(dirname "$(dirname "$candidate")")
    fi
  fi
  if [ -z "$best" ]; then
    echo "celeriac: no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm and PATH)." >&2
    echo "celeriac: install one (for example: apt-get install openjdk-21-jdk) or set JAVA_HOME to it." >&2
    exit 2
  fi
  export JAVA_HOME="$best"
}

find_jdk
