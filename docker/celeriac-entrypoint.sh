#!/bin/bash
# The image's `celeriac` command: the CLI on the image's runtime, class path and AOT cache.
# The JVM runs as this script's child so that a bad configuration (exit 2: a missing or wrong
# setting, a refused Redis password) stops the container's restart loop: the one-line error is
# printed once and kept for the health check, and the container waits, unhealthy, for an operator.
# Env: CELERIAC_JAVA_OPTS (extra JVM options, last so they win), CELERIAC_AOT_MODE (auto|on|off).
app=/opt/celeriac
failed=/tmp/celeriac.failed
jvm=(@"$app/jvm.args" @"$app/classpath.args")
if [ -f "$app/app.aot" ] && [ "${CELERIAC_AOT_MODE:-auto}" != off ]; then
  jvm+=(-XX:AOTCache="$app/app.aot" -XX:AOTMode="${CELERIAC_AOT_MODE:-auto}")
fi
# shellcheck disable=SC2206
jvm+=(${CELERIAC_JAVA_OPTS:-})
java=$app/java/bin/java

case "${1:-}" in
  worker|beat|migrate) ;;
  # short commands (send, status, health...) need no supervision
  *) exec "$java" "${jvm[@]}" io.celeriac.core.cli.Main "$@" ;;
esac

rm -f "$failed" 2>/dev/null
exec {err}> >(while IFS= read -r line; do printf '%s\n' "$line" >&2; printf '%s\n' "$line" 2>/dev/null > "$failed.last"; done)
"$java" "${jvm[@]}" io.celeriac.core.cli.Main "$@" 2>&"$err" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM
trap 'kill -INT "$child" 2>/dev/null' INT
status=0
while kill -0 "$child" 2>/dev/null; do
  wait "$child"
  status=$?
done
exec {err}>&-
if [ "$status" -ne 2 ]; then
  exit "$status"
fi
# exit 2: restarting would only print the same error again
mv -f "$failed.last" "$failed" 2>/dev/null || echo "celeriac $1 exited 2 (bad configuration)" > "$failed"
trap 'exit 2' TERM INT
exec {hold}<> <(:)
while :; do read -r -u "$hold" _ || true; done
