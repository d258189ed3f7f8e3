#!/bin/bash
# The image's `celeriac` command: the CLI on the image's runtime, class path and AOT cache.
# Long-running commands run the JVM as this script's child so that a bad configuration (exit 2: a
# missing or wrong setting, a refused Redis password) ends the restart loop: the one-line error is
# printed once and kept for the health check, and the container waits, unhealthy, for an operator.
# Env: CELERIAC_JAVA_OPTS (extra JVM options, last so they win), CELERIAC_AOT_MODE (auto|on|off).
app=/opt/celeriac
java=$app/java/bin/java
failed=/tmp/celeriac.failed
jvm=(@"$app/jvm.args" @"$app/classpath.args")
if [ -f "$app/app.aot" ] && [ "${CELERIAC_AOT_MODE:-auto}" != off ]; then
  jvm+=(-XX:AOTCache="$app/app.aot" -XX:AOTMode="${CELERIAC_AOT_MODE:-auto}")
fi
# shellcheck disable=SC2206
jvm+=(${CELERIAC_JAVA_OPTS:-})

# exit 2 of a long-running command: keep the reason for the health check and wait to be stopped
hold_failed() {
  printf '%s\n' "$1" > "$failed" 2>/dev/null
  trap 'exit 2' TERM INT
  exec {hold}<> <(:)
  while :; do read -r -u "$hold" _ || true; done
}

case "${1:-}" in
  worker|beat|exporter) ;;
  # short commands (send, status, migrate, health...) need no supervision
  *) exec "$java" "${jvm[@]}" io.celeriac.core.cli.Main "$@" ;;
esac

# nothing may fork before the JVM (builtins only): it then has the same pid in every incarnation of
# the container, so after a crash and restart the worker finds its own pid in its predecessor's
# record, knows that one dead, and takes back its in-flight messages at once (a pid held by another
# live process would read as a live worker of the same name: refused, exit 2)
: 2>/dev/null >"$failed"
: 2>/dev/null >"$failed.last"
# an empty password in the broker URL is a compose .env with REDIS_PASSWORD set to nothing
case "${CELERIAC_BROKER_URL:-}" in
  redis://:@*|rediss://:@*)
    line="celeriac: CELERIAC_BROKER_URL has an empty password: set REDIS_PASSWORD (docker/.env)"
    echo "$line" >&2
    hold_failed "$line" ;;
esac

# stderr goes on to the log and its last line is kept: the one-line error of an exit 2
"$java" "${jvm[@]}" io.celeriac.core.cli.Main "$@" 2> >(while IFS= read -r line; do
  printf '%s\n' "$line" >&2
  printf '%s\n' "$line" 2>/dev/null >"$failed.last"
done) &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM
trap 'kill -INT "$child" 2>/dev/null' INT
status=0
while kill -0 "$child" 2>/dev/null; do
  wait "$child"
  status=$?
done
[ "$status" -eq 2 ] || exit "$status"
# restarting would only print the same error again; the reader may still be writing its last line
exec {tick}<> <(:)
for _ in 1 2 3 4 5 6 7 8 9 10; do
  [ -s "$failed.last" ] && break
  read -r -t 0.1 -u "$tick" _ || true
done
line=$(< "$failed.last") 2>/dev/null
hold_failed "${line:-celeriac $1 exited 2 (bad configuration)}"
