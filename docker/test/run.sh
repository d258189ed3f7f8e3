#!/usr/bin/env bash
# The container test: builds the image from docker/Dockerfile, brings up the fleet of
# docker/docker-compose.yml as written under podman-compose, and checks it from the host
# (docker/test/fleet_checks.py: Python Celery to every worker type, a kill, a graceful stop, a
# stall, a wrong password, memory under the limits, start-to-first-task).
# Installs podman, runc, podman-compose and debootstrap when missing; when the public base images
# cannot be pulled, makes local ones (local-bases.sh) and stand-ins for Redis and PostgreSQL
# (standins/). Removes every container, network and volume it made; keeps the images as a cache
# for the next run on the same machine (never needed: each is made again when absent).
# Usage (root): docker/test/run.sh        Env: CT_KEEP=1 leaves the fleet up for a look.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
here=$root/docker/test
project=celeriacct
image=localhost/celeriac:container-test
scratch=$(mktemp -d /var/tmp/celeriac-ct.XXXXXX)
started=$(date +%s)
say() { echo "container test: $*"; }

# --- tools
missing=()
for tool in podman:podman runc:runc podman-compose:podman-compose debootstrap:debootstrap; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# runc: crun refuses this kind of machine's cgroup layout; no default ulimits: setting
# RLIMIT_NPROC inside a container is refused here
cat >"$scratch/containers.conf" <<'EOF'
[containers]
default_ulimits = []
[engine]
runtime = "runc"
EOF
export CONTAINERS_CONF=$scratch/containers.conf

compose_file=$scratch/compose/docker-compose.yml
pc() { podman-compose -p "$project" -f "$compose_file" "$@" >>"$scratch/compose.log" 2>&1; }
cleanup() {
  local status=$?
  if [ -n "${CT_KEEP:-}" ]; then say "CT_KEEP: fleet left up (podman-compose -p $project -f $compose_file down -v)"; return; fi
  [ -f "$compose_file" ] && pc down -v -t 5 || true
  podman rm -f -t 0 "${project}_wrongpass" >/dev/null 2>&1 || true
  podman ps -aq --filter "label=io.podman.compose.project=$project" | xargs -r podman rm -f -t 0 >/dev/null 2>&1 || true
  podman volume ls -q --filter "label=io.podman.compose.project=$project" | xargs -r podman volume rm -f >/dev/null 2>&1 || true
  podman network rm -f "${project}_default" >/dev/null 2>&1 || true
  [ $status -eq 0 ] || { say "last lines of podman-compose's log:"; tail -n 20 "$scratch/compose.log" 2>/dev/null || true; }
  rm -rf "$scratch"
}
trap cleanup EXIT
# a previous run that was killed may have left its fleet
podman ps -aq --filter "label=io.podman.compose.project=$project" | xargs -r podman rm -f -t 0 >/dev/null 2>&1 || true
podman volume ls -q --filter "label=io.podman.compose.project=$project" | xargs -r podman volume rm -f >/dev/null 2>&1 || true

# --- bases: the public ones when a registry answers, else made here
pullable() { timeout 120 podman pull -q "$1" >/dev/null 2>&1; }
if pullable docker.io/library/maven:3.9-eclipse-temurin-25 && pullable docker.io/library/debian:bookworm-slim; then
  BUILD_BASE=docker.io/library/maven:3.9-eclipse-temurin-25
  RUNTIME_BASE=docker.io/library/debian:bookworm-slim
else
  say "no registry answers: making local base images"
  JDK_HOME=${JDK_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
  # shellcheck source=docker/test/local-bases.sh
  . "$here/local-bases.sh"
  local_bases localhost/celeriac-base
fi
if pullable docker.io/library/redis:7-alpine && pullable docker.io/library/postgres:16-alpine; then
  REDIS_IMAGE=docker.io/library/redis:7-alpine
  POSTGRES_IMAGE=docker.io/library/postgres:16-alpine
else
  REDIS_IMAGE=localhost/celeriac-standin-redis:latest
  POSTGRES_IMAGE=localhost/celeriac-standin-postgres:latest
  for what in redis postgres; do
    tag=localhost/celeriac-standin-$what:latest
    podman image exists "$tag" && continue
    say "making the $what stand-in image"
    podman build -q --build-arg BASE="$RUNTIME_BASE" -f "$here/standins/$what.Containerfile" -t "$tag" "$here/standins" >/dev/null
  done
fi

# --- the image, as users build it (no intermediate layers: each run would leave ~600 MB of them;
# the Maven repository is cached by the Dockerfile's cache mount instead)
say "building the image (bases: $BUILD_BASE, $RUNTIME_BASE)"
old=$(podman image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
t0=$(date +%s)
podman build --format docker --layers=false -f "$root/docker/Dockerfile" --build-arg BUILD_BASE="$BUILD_BASE" \
  --build-arg RUNTIME_BASE="$RUNTIME_BASE" -t "$image" "$root" >"$scratch/build.log" 2>&1 \
  || { tail -n 40 "$scratch/build.log"; exit 1; }
new=$(podman image inspect --format '{{.Id}}' "$image")
[ -z "$old" ] || [ "$old" = "$new" ] || podman rmi "$old" >/dev/null 2>&1 || true
size=$(podman image inspect --format '{{.Size}}' "$image")
say "image built in $(( $(date +%s) - t0 )) s: $(( size / 1000000 )) MB"

# --- the fleet, from the compose file as written (the values a docker/.env would hold)
mkdir -p "$scratch/compose"
cp "$root/docker/docker-compose.yml" "$compose_file"
random() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
redis_password=$(random)
{ cat "$root/docker/.env.example"
  echo "REDIS_PASSWORD=$redis_password"
  echo "POSTGRES_PASSWORD=$(random)"
  echo "CELERIAC_IMAGE=$image"
  echo "REDIS_IMAGE=$REDIS_IMAGE"
  echo "POSTGRES_IMAGE=$POSTGRES_IMAGE"
  # the dashboard's one user (password "change-me"), single-quoted as .env.example shows
  dashboard_hash='$2a$10$oPQkSXYJYhJNgufDckpZzuqG7DAoci3zYWMpqTBhkgm3NCBZpqote'
  printf "CELERIAC_DASHBOARD_USERS='ct:operator:%s'\n" "$dashboard_hash"
} >"$scratch/compose/.env"
healthy() {
  local deadline=$(( $(date +%s) + $2 ))
  until podman healthcheck run "${project}_$1_1" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { say "$1 not healthy within $2 s"; podman logs --tail 20 "${project}_$1_1" || true; return 1; }
    sleep 0.5
  done
}
# podman-compose 1.0 does not wait for health or for the migration: the steps do it here
say "starting redis and postgres"
pc up -d redis postgres
healthy redis 60
healthy postgres 90
pc up -d migrate
status=$(podman wait "${project}_migrate_1")
[ "$status" = 0 ] || { say "migration exited $status"; podman logs "${project}_migrate_1" | tail -n 20; exit 1; }
say "starting the beat and the workers"
pc up -d

export CT_COMPOSE_FILE=$compose_file CT_ENV_EXAMPLE=$root/docker/.env.example
/usr/bin/python3 "$here/fleet_checks.py" "$project" "$image" "$redis_password" "$scratch/measured.json"
echo "container test: image $(( size / 1000000 )) MB; measured: $(tr -d ' \n' <"$scratch/measured.json")"
say "finished in $(( $(date +%s) - started )) s"
