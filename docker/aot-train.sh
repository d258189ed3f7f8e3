#!/bin/sh
# Image build step: makes APP/app.aot, the JDK 25 AOT cache every celeriac process of the image
# uses (classes loaded and linked, method profiles), with the runtime JAVA it is valid for.
# The training run is a worker that starts against a private Redis, serves its health endpoint,
# runs a few built-in tasks and stops warmly; the JVM writes the cache as it exits.
#   sh docker/aot-train.sh JAVA APP    (from the source root, after the Maven build)
set -eu
java_home=$1
app=$2
work=$(mktemp -d)
port=6390

# a private Redis: the redis-server binary the embedded-redis jar ships for this machine
case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
jar=$(ls "$PWD"/distribution/target/lib/embedded-redis-*.jar)
binary=$("$JAVA_HOME/bin/jar" tf "$jar" | grep "linux-$arch\$" | head -n1)
(cd "$work" && "$JAVA_HOME/bin/jar" xf "$jar" "$binary" && chmod +x "$binary")
"$work/$binary" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --daemonize yes \
  --pidfile "$work/redis.pid" --logfile "$work/redis.log"

celeriac() {
  "$java_home/bin/java" @"$app/jvm.args" @"$app/classpath.args" "$@"
}
broker="--broker-url=redis://127.0.0.1:$port/0"
# the JVM itself in the background (not a function's subshell), so that the TERM reaches it
"$java_home/bin/java" @"$app/jvm.args" @"$app/classpath.args" -XX:AOTCacheOutput="$app/app.aot" \
  io.celeriac.core.cli.Main worker "$broker" \
  --queues=aot_training --concurrency=2 --http-port=18080 --loglevel=WARNING &
worker=$!
for task in celery.ping celeriac.add celeriac.echo; do
  case "$task" in celeriac.add) args='[1,2]' ;; celery.ping) args='[]' ;; *) args='["training"]' ;; esac
  celeriac io.celeriac.core.cli.Main send "$task" --args="$args" --queue=aot_training --wait --timeout=60s "$broker" >/dev/null
done
# liveness: the training worker has no PostgreSQL, and readiness waits for the database its modules use
celeriac io.celeriac.core.cli.Main health --live --http-port=18080 >/dev/null
kill -TERM "$worker"
wait "$worker"
kill "$(cat "$work/redis.pid")" 2>/dev/null || true
rm -rf "$work"
test -s "$app/app.aot"
echo "aot-train: $(du -h "$app/app.aot" | cut -f1) AOT cache written to $app/app.aot"
