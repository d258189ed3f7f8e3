# Sourced by ./celeriac: makes sure distribution/target/lib holds a build of the current sources,
# or stops the command. Needs: $root, $lib, $JAVA_HOME. Never runs code older than the sources
# unless it cannot build and says so:
#  - a failed build stops the command with the build's errors (exit 1) and leaves the build stale;
#  - concurrent launchers build once: the first takes a lock, the others wait for it and then
#    find the build fresh;
#  - a checkout it cannot write (read-only volume) runs the build it has and says so.
# CELERIAC_NO_BUILD=1 skips all of this (an installed distribution, a container image).

stamp="$root/distribution/target/.built"

# true when a source or pom is newer than the last successful build
sources_changed() {
  [ -f "$stamp" ] || return 0
  [ -n "$(find "$root" -path "$root/*/target" -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$stamp" -print -quit 2>/dev/null)" ]
}

# true when this checkout's build output can be written
can_write_build() {
  mkdir -p "$root/distribution/target" 2>/dev/null && [ -w "$root/distribution/target" ] && [ -w "$root" ]
}

run_build() {
  local log="$root/distribution/target/build.log" started="$root/distribution/target/.build-started"
  if ! command -v mvn >/dev/null 2>&1; then
    echo "celeriac: Maven (mvn) is needed to build Celeriac; install it, or run a packaged distribution." >&2
    exit 2
  fi
  echo "celeriac: building (mvn package, tests skipped)..." >&2
  # the stamp takes the time the build started: a source saved during the build is newer than it
  touch "$started"
  if ! (cd "$root" && mvn -q -B -DskipTests package) >"$log" 2>&1; then
    # the build's own errors, without Maven's help lines
    grep -E '^\[ERROR\]' "$log" | grep -vE 'Re-run Maven|full stack trace|Help 1|^\[ERROR\] *$|For more information|After correcting' | head -n 25 >&2
    echo "celeriac: the build failed (full log: $log); nothing was run." >&2
    exit 1
  fi
  mv -f "$started" "$stamp"
}

ensure_built() {
  [ -z "${CELERIAC_NO_BUILD:-}" ] || return 0
  sources_changed || return 0
  if ! can_write_build; then
    if [ -d "$lib" ] && [ -f "$stamp" ]; then
      echo "celeriac: $root is read-only and its sources are newer than its build; running the existing build." >&2
      return 0
    fi
    echo "celeriac: $root is read-only and holds no build; build it where it can be written (mvn -DskipTests package)." >&2
    exit 2
  fi
  # one build at a time: a second launcher waits here, then finds the build fresh
  exec 9>"$root/distribution/target/.build.lock"
  if ! flock -n 9; then
    echo "celeriac: another launcher is building; waiting for it..." >&2
    flock 9
  fi
  if sources_changed; then
    run_build
  fi
  flock -u 9
  exec 9>&-
}

ensure_built
