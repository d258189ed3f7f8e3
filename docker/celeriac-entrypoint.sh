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
  worker|beat) ;;
  # short commands (send, status, migrate, health...) need no supervision
  *) exec "$java" "${jvm[@]}" io.celeriac.core.cli.Main "$@" ;;
esac

rm -f "$failed" "$failed.last" 2>/dev/null
# an empty password in the broker URL is a compose .env with REDIS_PASSWORD set to nothing
case "${CELERIAC_BROKER_URL:-}" in
  redis://:@*|rediss://:@*)
    line="celeriac: CELERIAC_BROKER_URL has an empty password: set REDIS_PASSWORD (docker/.env)"
    echo "$line" >&2
    hold_failed "$line" ;;
esac

# stderr goes on to the log and its last line is kept: the one-line error of an exit 2
exec {err}> >(while IFS= read -r line; do
  printf '%s\n' "$line" >&2
  printf '%s\n' "$line" 2>/dev/null > "$failed.last"
done)
reader=$!
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
wait "$reader" 2>/dev/null
[ "$status" -eq 2 ] || exit "$status"
# restarting would only print the same error again
line=$(< "$failed.last") 2>/dev/null
hold_failed "${line:-celeriac $1 exited 2 (bad configuration)}"
