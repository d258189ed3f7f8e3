#!/usr/bin/env bash
# Tests ./celeriac as an operator meets it, on a copy of this checkout (the original is never
# touched): a compile error stops the command and leaves the build stale; two launchers started
# together build once; a read-only copy runs its existing build and says so; a damaged class
# archive is replaced; a JAVA_HOME below 21 is an error. Needs a built checkout, Maven, and (for
# the read-only case) unshare(1) with mount rights, else that case is skipped.
# Usage: scripts/test-launcher.sh    (exit 0 when every case passes)
set -uo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
copy="$work/celeriac"
mkdir -p "$copy"
tar -C "$here" --exclude=.git -cf - . | tar -C "$copy" -xf -
failures=0

check() { # check NAME CONDITION-EXIT-CODE
  if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
}
run() { # run OUT ERR ARGS...: runs the copy's launcher, returns its exit code
  local out="$1" err="$2"; shift 2
  "$copy/celeriac" "$@" >"$out" 2>"$err"
}

# 0. a fresh build to start from
run "$work/out" "$work/err" --version
check "the copy builds and runs" $?

# 1. a compile error stops the command, every time, until it is fixed
source_file="$copy/worker-core/src/main/java/io/celeriac/core/cli/ExitCodes.java"
cp "$source_file" "$work/ExitCodes.java"
echo "this does not compile" >>"$source_file"
run "$work/out" "$work/err" --version; code=$?
[ "$code" -eq 1 ] && grep -q "the build failed" "$work/err" && grep -q "ExitCodes.java" "$work/err" && [ ! -s "$work/out" ]
check "a compile error exits 1 with the compiler's error and runs nothing" $?
run "$work/out" "$work/err" --version; code=$?
[ "$code" -eq 1 ] && grep -q "building" "$work/err"
check "the next run builds again instead of running the old jars" $?
cp "$work/ExitCodes.java" "$source_file"
run "$work/out" "$work/err" --version
check "fixed, it builds and runs" $?

# 2. two launchers at once build once
touch "$copy/worker-core/src/main/java/io/celeriac/core/cli/ExitCodes.java"
"$copy/celeriac" --version >"$work/out1" 2>"$work/err1" & first=$!
"$copy/celeriac" --version >"$work/out2" 2>"$work/err2" & second=$!
wait "$first"; code1=$?
wait "$second"; code2=$?
builds=$(cat "$work/err1" "$work/err2" | grep -c "celeriac: building")
[ "$code1" -eq 0 ] && [ "$code2" -eq 0 ] && [ "$builds" -eq 1 ]
check "two concurrent launchers: one build ($builds), both run" $?

# 3. a read-only copy with newer sources runs its build and says so
touch "$copy/worker-core/src/main/java/io/celeriac/core/cli/ExitCodes.java"
if unshare -m true 2>/dev/null; then
  unshare -m sh -c "mount --bind '$copy' '$copy' && mount -o remount,ro,bind '$copy' && '$copy/celeriac' --version" \
    >"$work/out" 2>"$work/err"; code=$?
  [ "$code" -eq 0 ] && grep -q "read-only" "$work/err" && grep -q "celeriac " "$work/out" && ! grep -q "building" "$work/err"
  check "a read-only copy runs its existing build and says so" $?
else
  echo "skip a read-only copy (unshare -m not permitted here)"
fi
run "$work/out" "$work/err" --version >/dev/null  # back to a fresh build

# 4. a damaged class archive is noticed and replaced (JDK 25+: AOT cache)
cds="$copy/distribution/target/cds"
mkdir -p "$cds"
head -c 4096 /dev/urandom >"$cds/admin.aot"
echo "stale signature" >"$cds/admin.aot.sig"
run "$work/out" "$work/err" status --broker-url redis://127.0.0.1:1/0
java_major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/release" 2>/dev/null)
if grep -q "damaged or from another JDK" "$work/err" && [ ! -f "$cds/admin.aot.sig" ]; then
  check "a damaged archive is replaced, not used" 0
else
  echo "--- stderr:"; cat "$work/err"
  check "a damaged archive is replaced, not used (JDK ${java_major:-?})" 1
fi

# 6. one-shot commands never wait for their archive: three started together run at once, one
#    background training makes it (JDK 25+), and the next command uses it
if [ "${java_major:-0}" -ge 25 ] 2>/dev/null || [ "$("$copy/celeriac" --version | grep -o 'Java [0-9]*' | grep -o '[0-9]*')" -ge 25 ]; then
  # the damaged-archive case above started a training: let it end, then start from nothing
  for _ in $(seq 1 150); do [ -d "$cds/admin.training" ] || break; sleep 2; done
  rm -rf "$cds"/admin.*
  for i in 1 2 3; do "$copy/celeriac" status --broker-url redis://127.0.0.1:1/0 >"$work/out$i" 2>"$work/err$i" & done
  wait
  trainings=$(ls -d "$cds"/admin.aot.part-*[0-9] "$cds"/admin.aot.new-*[0-9] 2>/dev/null | wc -l)
  grep -q "refused" "$work/err1" && [ "$trainings" -le 1 ] && ! grep -q "Picked up\|AOT" "$work/err1" "$work/err2" "$work/err3"
  check "three one-shot commands at once run without waiting, one training ($trainings), no JVM noise" $?
  "$copy/celeriac" worker --concurrency=abc >"$work/out" 2>"$work/err"; code=$?
  [ "$code" -eq 2 ] && grep -q "concurrency" "$work/err" && ! grep -q "Picked up\|AOT" "$work/err"
  check "a worker usage error prints its one line and nothing of the archive's" $?
  for _ in $(seq 1 150); do [ -d "$cds/admin.training" ] || break; sleep 2; done
  "$copy/celeriac" --version >/dev/null 2>&1   # adopts the finished training on the next start
  CELERIAC_JAVA_OPTS="-Xlog:class+load=info:file=$work/classes.txt" "$copy/celeriac" status --broker-url redis://127.0.0.1:1/0 >/dev/null 2>&1
  [ -f "$cds/admin.aot" ] && [ "$(grep -c 'shared objects file' "$work/classes.txt")" -gt 3000 ]
  check "the trained archive is used by the next one-shot command" $?
else
  echo "skip the admin archive (JDK below 25)"
fi

# 5. JAVA_HOME naming a JDK below 21 is an error, not silently replaced
old_jdk=$(ls -d /usr/lib/jvm/*17* 2>/dev/null | head -n1)
if [ -n "$old_jdk" ]; then
  JAVA_HOME="$old_jdk" "$copy/celeriac" --version >"$work/out" 2>"$work/err"; code=$?
  [ "$code" -eq 2 ] && grep -q "needs 21 or newer" "$work/err" && [ "$(wc -l <"$work/err")" -eq 1 ]
  check "JAVA_HOME at Java 17 exits 2 with one line" $?
else
  echo "skip JAVA_HOME below 21 (no JDK 17 installed)"
fi

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
