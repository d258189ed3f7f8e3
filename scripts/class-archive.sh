# Sourced by ./celeriac: adds to jvm=() a class archive, under distribution/target/cds: one per
# long-running command (worker, beat, dev), one for the one-shot Redis commands (admin: status,
# send, inspect...) and one for the application's commands on PostgreSQL (app: ai, sync...).
# JDK 25+: an AOT cache (classes loaded and linked, method profiles) made by a training run in the
# background after a build; measured, a worker is ready in 1.2-1.8 s instead of 3.1-3.9 and drains
# 50,000 tasks ~50 % faster, status answers in 0.37 s instead of 0.6-0.8. JDK 21-24: a dynamic CDS
# archive written by the first run (~0.6 s sooner). CELERIAC_CLASS_ARCHIVE=off uses none.
# Needs: $root, $lib, $JAVA_HOME, jvm=(), java_major (find-jdk.sh).

# true when a jar of the class path is newer than file $1 (an archive made from older code)
older_than_jars() {
  [ -n "$(find "$lib" -name '*.jar' -newer "$1" -print -quit 2>/dev/null)" ]
}

# What an adopted AOT cache must still match: its bytes and the JDK that made it. A truncated or
# overwritten archive, or one from another JDK, is one the JVM would refuse (silently: its logs
# are off), so the launcher checks it and makes a new one instead.
aot_signature() {
  echo "$(cksum < "$1") $JAVA_HOME $(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$JAVA_HOME/release" 2>/dev/null)"
}

# adopt BASE TRAINED: make a finished training output the archive. Launchers started together may
# race for the same output: each step is a rename, and losing the race (the file already taken) is
# fine. The signature goes in place first, so a launcher never sees the new archive without it.
adopt() {
  local base="$1" trained="$2" sig
  sig=$(aot_signature "$trained" 2>/dev/null) || return 0
  echo "$sig" > "$base.aot.sig.new-$$" 2>/dev/null || return 0
  if mv -f "$trained" "$base.aot.adopt-$$" 2>/dev/null; then
    mv -f "$base.aot.sig.new-$$" "$base.aot.sig" && mv -f "$base.aot.adopt-$$" "$base.aot"
  fi
  rm -f "$base.aot.sig.new-$$" "$base.aot.adopt-$$"
}

# adopt_finished BASE: takes the newest finished training output as BASE.aot, removes what killed
# trainings left, and drops an archive that is damaged or from another JDK
adopt_finished() {
  local base="$1" trained f pid
  # adopt the newest finished training output (a training renames its output to .new- when it succeeded)
  trained=$(ls -t "$base".aot.new-* 2>/dev/null | head -n1 || true)
  if [ -n "$trained" ]; then
    if older_than_jars "$trained"; then
      rm -f "$trained"
    else
      adopt "$base" "$trained"
    fi
  fi
  # leftovers: older finished outputs, and what trainings that were killed were writing
  rm -f "$base".aot.new-* 2>/dev/null
  for f in "$base".aot.part-*; do
    [ -e "$f" ] || continue
    pid=${f##*.aot.part-}; pid=${pid%.config}
    kill -0 "$pid" 2>/dev/null || rm -f "$f"
  done
  if [ -f "$base.aot" ] && [ "$(aot_signature "$base.aot")" != "$(cat "$base.aot.sig" 2>/dev/null)" ]; then
    echo "celeriac: the class archive $base.aot is damaged or from another JDK; a new one is being made." >&2
    rm -f "$base.aot" "$base.aot.sig"
  fi
}

# true when BASE.aot is an archive of the current build
archive_current() {
  [ -f "$1.aot" ] && ! older_than_jars "$1.aot"
}

# aot_cache DIR KIND (JDK 25+): use DIR/KIND.aot when current; else run without it and train one in
# the background, once per build, with `celeriac train-archive KIND` (that kind's commands against a
# Redis and a PostgreSQL of its own; nothing reaches the user's servers). The user's own run never
# trains (a usage error would make an archive of nothing) and never waits: measured here, status
# takes 0.37 s with the archive and 0.6-0.8 s without it.
aot_cache() {
  local base="$1/$2" kind="$2" pid
  adopt_finished "$base"
  if archive_current "$base"; then
    jvm+=(-XX:AOTCache="$base.aot" -Xlog:aot*=off:stderr)
    return 0
  fi
  # one training at a time: the lock is a directory holding the trainer's pid
  if ! mkdir "$base.training" 2>/dev/null; then
    pid=$(cat "$base.training/pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      return 0
    fi
    rm -rf "$base.training"
    mkdir "$base.training" 2>/dev/null || return 0
  fi
  # the training writes BASE.aot.part-PID and only a training that succeeded renames it to
  # BASE.aot.new-PID for adoption: one whose Redis could not start exits 3, and its archive (half the
  # classes) would have made every start slow until the next build
  # The training ignores the terminal's Ctrl-C and hang-up (the JVM keeps an ignored SIGINT/SIGHUP
  # ignored): it runs in the user's process group, and a worker stopped with Ctrl-C in its first
  # seconds must not take the training down with it.
  (
    trap '' INT HUP
    trap 'rm -rf "$base.training" "$base.aot.part-$BASHPID" "$base.aot.part-$BASHPID.config"' EXIT
    echo "$BASHPID" > "$base.training/pid"
    if nice -n 10 "$JAVA_HOME/bin/java" "${jvm[@]}" -XX:AOTCacheOutput="$base.aot.part-$BASHPID" -Xlog:aot*=off:stderr \
      -cp "$lib/*" io.celeriac.core.cli.Main train-archive "$kind" && [ -f "$base.aot.part-$BASHPID" ]; then
      mv -f "$base.aot.part-$BASHPID" "$base.aot.new-$BASHPID"
    else
      echo "celeriac: training failed (exit $?); no archive this time, the next start trains again" >&2
    fi
  ) </dev/null >"$base.training.log" 2>&1 &
  disown 2>/dev/null || true
}

# class_archive ARGS...: the archive options for the command line ARGS, if it needs any
class_archive() {
  local dir="$root/distribution/target/cds" arg kind
  case "${1:-}" in
    worker|dev) kind="$1" ;;
    # `beat list`, `beat add`...: one-shot subcommands of the beat
    beat) case "${2:-}" in [a-z]*) kind=admin ;; *) kind=beat ;; esac ;;
    ""|-*|train-archive|bench) return 0 ;;
    # the application's commands (PostgreSQL): an archive of their own keeps the Redis-only one small
    # (every class of an archive is loaded at start: the Redis-only status took 0.45 s with its own
    # archive, 0.52 s with one that also held the database commands' classes, 0.87 s with none)
    ai|sync|email|backup|migrate) kind=app ;;
    *) kind=admin ;;
  esac
  # a one-shot command is over before C2's compilations pay off: C1 alone took status from
  # 0.42-0.86 s to 0.28-0.37 s here (CPU 0.64-0.85 s to 0.41-0.52 s); long-running ones keep C2
  # (CELERIAC_JAVA_OPTS=-XX:TieredStopAtLevel=4 gives it back to a long bulk command)
  case "$kind" in admin|app) jvm+=(-XX:TieredStopAtLevel=1) ;; esac
  [ "${CELERIAC_CLASS_ARCHIVE:-on}" != "off" ] || return 0
  # a run that only prints help needs no archive
  for arg in "$@"; do
    case "$arg" in -h|--help|-V|--version) return 0 ;; esac
  done
  mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || return 0
  if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ] 2>/dev/null; then
    # an archive is an optimisation: nothing about it may stop the command
    aot_cache "$dir" "$kind" || true
  else
    jvm+=(-XX:SharedArchiveFile="$dir/$kind.jsa" -XX:+AutoCreateSharedArchive)
  fi
}
