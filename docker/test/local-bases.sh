#!/usr/bin/env bash
# Makes the base images the Dockerfile needs when no container registry can be reached: a Debian
# root filesystem from this machine's own apt mirror (debootstrap --variant=minbase, trimmed), and a
# build base that adds the machine's JDK and Maven. Sourced by run.sh; needs podman and debootstrap.
#   local_bases TAG_PREFIX   -> sets RUNTIME_BASE and BUILD_BASE to the images it made (or found)

# The Debian mirror and suite apt uses here, from deb822 .sources or a one-line sources.list.
apt_mirror() {
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk '/^URIs:/ {print $2; exit}' "$f")
    if grep -qE '^Suites:.*\b'"$(debian_suite)"'\b' "$f" && [ -n "$uri" ] && ! grep -q security <<<"$uri"; then
      echo "$uri"; return
    fi
  done
  awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' \
    /etc/apt/sources.list 2>/dev/null
}
debian_suite() { . /etc/os-release && echo "${VERSION_CODENAME:-bookworm}"; }

# A Debian rootfs trimmed of what a container never reads (docs, man pages, locales, apt lists).
make_debian_base() {
  local tag="$1" mirror suite root
  mirror=$(apt_mirror); suite=$(debian_suite)
  [ -n "$mirror" ] || { echo "container test: no Debian mirror found in the apt sources" >&2; return 1; }
  root=$(mktemp -d /var/tmp/celeriac-rootfs.XXXXXX)
  echo "container test: debootstrap $suite from $mirror" >&2
  debootstrap --variant=minbase --include=libssl3 "$suite" "$root" "$mirror" >"$root.log" 2>&1 \
    || { tail -n 20 "$root.log" >&2; rm -rf "$root" "$root.log"; return 1; }
  rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
    "$root"/usr/share/locale/* "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/log/*
  tar -C "$root" -c . | podman import --change 'CMD ["/bin/bash"]' - "$tag" >/dev/null
  rm -rf "$root" "$root.log"
}

# The build base: the Debian base (with libssl3 for the training Redis, see docker/aot-train.sh) with the host's JDK 25 and Maven (copied, not downloaded).
make_build_base() {
  local tag="$1" from="$2" ctx
  ctx=$(mktemp -d /var/tmp/celeriac-buildbase.XXXXXX)
  cp -rL "$JDK_HOME" "$ctx/jdk"
  cp -rL "$(mvn_home)" "$ctx/maven"
  cat >"$ctx/Containerfile" <<EOC
FROM $from
COPY jdk /opt/java/openjdk
COPY maven /usr/share/maven
ENV JAVA_HOME=/opt/java/openjdk MAVEN_HOME=/usr/share/maven
ENV PATH=/opt/java/openjdk/bin:/usr/share/maven/bin:\$PATH
EOC
  podman build -q -t "$tag" "$ctx" >/dev/null
  rm -rf "$ctx"
}
mvn_home() { mvn -v 2>/dev/null | sed -n 's/^Maven home: //p'; }

local_bases() {
  local prefix="$1"
  RUNTIME_BASE="$prefix-debian:latest"
  BUILD_BASE="$prefix-build:latest"
  podman image exists "$RUNTIME_BASE" || make_debian_base "$RUNTIME_BASE" || return 1
  podman image exists "$BUILD_BASE" || make_build_base "$BUILD_BASE" "$RUNTIME_BASE" || return 1
}
