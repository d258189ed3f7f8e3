# Sourced by ./celeriac: adds to jvm=() the class archive of a long-running command (worker, beat,
# dev), one per command under distribution/target/cds, made by the first run after a build.
# JDK 25+: an AOT cache (classes loaded and linked, method profiles), written when that first run
# exits (its exit takes some seconds longer, once, and prints what it does); measured, a worker is
# ready in 1.2-1.8 s instead of 3.1-3.9 and drains 50,000 tasks ~50 % faster. JDK 21-24: a dynamic
# CDS archive (~0.6 s sooner). Needs: $root, $lib, $JAVA_HOME, jvm=(), java_major (find-jdk.sh).

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

# JDK 25+: use the AOT cache $1.aot if it is current and intact, else make this run the one that writes it
aot_cache() {
  local base="$1" trained f pid
  # adopt the newest finished training output (the JVM removes its .config once the cache is whole)
  trained=$(ls -t "$base".aot.new-* 2>/dev/null | grep -v '\.config$' | head -n1 || true)
  if [ -n "$trained" ] && [ ! -e "$trained.config" ]; then
    if older_than_jars "$trained"; then
      rm -f "$trained"
    else
      adopt "$base" "$trained"
    fi
  fi
  # leftovers: other finished outputs, and those of training runs that were killed
  for f in "$base".aot.new-*; do
    [ -e "$f" ] || continue
    pid=${f##*.aot.new-}; pid=${pid%.config}
    if ! kill -0 "$pid" 2>/dev/null || { [ "${f%.config}" = "$f" ] && [ ! -e "$f.config" ]; }; then
      rm -f "$f"
    fi
  done
  if [ -f "$base.aot" ] && [ "$(aot_signature "$base.aot")" != "$(cat "$base.aot.sig" 2>/dev/null)" ]; then
    echo "celeriac: the class archive $base.aot is damaged or from another JDK; this run makes a new one." >&2
    rm -f "$base.aot" "$base.aot.sig"
  fi
  if [ -f "$base.aot" ] && ! older_than_jars "$base.aot"; then
    jvm+=(-XX:AOTCache="$base.aot" -Xlog:aot*=off:stderr)
  else
    jvm+=(-XX:AOTCacheOutput="$base.aot.new-$$" -Xlog:aot*=off:stderr)
  fi
}

# class_archive ARGS...: the archive options for the command line ARGS, if it needs any
class_archive() {
  local dir="$root/distribution/target/cds" arg
  case "${1:-}" in worker|beat|dev) ;; *) return 0 ;; esac
  # a run that only prints help would make a useless archive
  for arg in "$@"; do
    case "$arg" in -h|--help|-V|--version) return 0 ;; esac
  done
  mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || return 0
  if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ] 2>/dev/null; then
    # an archive is an optimisation: nothing about it may stop the command
    aot_cache "$dir/$1" || echo "celeriac: could not set up the class archive; running without one" >&2
  else
    jvm+=(-XX:SharedArchiveFile="$dir/$1.jsa" -XX:+AutoCreateSharedArchive)
  fi
}
