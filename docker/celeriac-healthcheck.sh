#!/bin/bash
# Container health check: the process's own /readyz (a worker is ready when Redis answers and its
# runners, fetcher, completer and loops are making progress) read over bash's /dev/tcp, so no
# second JVM starts every interval. Prints why when unhealthy.
#   celeriac-healthcheck [--live]      (port: CELERIAC_HTTP_PORT, default 8080)
if [ -s /tmp/celeriac.failed ]; then
  echo "unhealthy: the process exited on bad configuration: $(< /tmp/celeriac.failed)"
  exit 1
fi
path=/readyz
[ "${1:-}" = --live ] && path=/healthz
port=${CELERIAC_HTTP_PORT:-8080}
if ! exec 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$port"; then
  echo "unhealthy: nothing answers on port $port"
  exit 1
fi
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3
IFS=' ' read -r -t 4 _ code _ <&3 || { echo "unhealthy: no answer on $path within 4 s"; exit 1; }
# the rest of the answer (headers, blank line, the JSON report) up to the end of the stream
IFS= read -r -d '' -t 4 rest <&3
echo "${rest#*$'\r\n\r\n'}"
[ "$code" = 200 ]
