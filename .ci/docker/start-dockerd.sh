#!/usr/bin/env bash
# Start a Docker engine for tests and CI, idempotently.
#
#   eval "$(.ci/docker/start-dockerd.sh --print-env)"   # start if needed, export DOCKER_HOST
#   .ci/docker/start-dockerd.sh                          # start if needed, print usage hints
#   .ci/docker/start-dockerd.sh --stop                   # stop the engine this script started
#
# 1. If $DOCKER_HOST (or the default socket) already answers `docker version`, do nothing.
# 2. Otherwise install docker.io if dockerd is missing (Debian/Ubuntu, needs root).
# 3. Start a private dockerd on unix:///run/connascence-docker.sock with its own data root,
#    exec root and pidfile (so it never collides with a system dockerd), log to
#    /tmp/connascence-dockerd.log, and wait up to 60 s for it to answer.
#
# Environment:
#   CONNASCENCE_DOCKER_SOCK       socket path      (default /run/connascence-docker.sock)
#   CONNASCENCE_DOCKER_DATA_ROOT  --data-root      (default /var/lib/connascence-docker)
#   CONNASCENCE_DOCKER_LOG        log file         (default /tmp/connascence-dockerd.log)
#   CONNASCENCE_DOCKERD_FLAGS     extra dockerd flags, e.g. "--iptables=false --bridge=none"
#                                 (not needed on the reference machine; see images/README.md)
#   CONNASCENCE_DOCKER_TIMEOUT    seconds to wait  (default 60)
set -euo pipefail

SOCK="${CONNASCENCE_DOCKER_SOCK:-/run/connascence-docker.sock}"
DATA_ROOT="${CONNASCENCE_DOCKER_DATA_ROOT:-/var/lib/connascence-docker}"
EXEC_ROOT="${CONNASCENCE_DOCKER_EXEC_ROOT:-/run/connascence-docker}"
PIDFILE="${CONNASCENCE_DOCKER_PIDFILE:-/run/connascence-docker.pid}"
LOG="${CONNASCENCE_DOCKER_LOG:-/tmp/connascence-dockerd.log}"
TIMEOUT="${CONNASCENCE_DOCKER_TIMEOUT:-60}"
EXTRA_FLAGS="${CONNASCENCE_DOCKERD_FLAGS:-}"
OUR_HOST="unix://${SOCK}"

mode=hints
case "${1:-}" in
  --print-env) mode=env ;;
  --stop) mode=stop ;;
  -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
  "") ;;
  *) echo "unknown argument: $1" >&2; exit 2 ;;
esac

say() { echo "start-dockerd: $*" >&2; }

answers() { # $1 = DOCKER_HOST value ("" = CLI default)
  if [ -n "$1" ]; then DOCKER_HOST="$1" docker version >/dev/null 2>&1
  else env -u DOCKER_HOST docker version >/dev/null 2>&1; fi
}

if [ "$mode" = stop ]; then
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    pid="$(cat "$PIDFILE")"; say "stopping dockerd pid $pid"; kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 1; done
    say "dockerd pid $pid did not exit within 30 s"; exit 1
  fi
  say "no dockerd running from $PIDFILE"; exit 0
fi

finish() { # $1 = DOCKER_HOST that answers ("" = default socket)
  if [ "$mode" = env ]; then
    if [ -n "$1" ]; then echo "export DOCKER_HOST=$1"; fi
  else
    if [ -n "$1" ]; then
      say "engine ready at $1"
      echo "export DOCKER_HOST=$1"
      say "use it with:  export DOCKER_HOST=$1"
      say "  or:          eval \"\$($0 --print-env)\""
    else
      say "engine ready at the docker CLI's default endpoint (DOCKER_HOST not needed)"
    fi
  fi
  exit 0
}

command -v docker >/dev/null 2>&1 || NEED_INSTALL=1

# 1. Something already answers?
if [ -z "${NEED_INSTALL:-}" ]; then
  if [ -n "${DOCKER_HOST:-}" ] && answers "$DOCKER_HOST"; then finish "$DOCKER_HOST"; fi
  if answers ""; then finish ""; fi
  if [ -S "$SOCK" ] && answers "$OUR_HOST"; then finish "$OUR_HOST"; fi
fi

# 2. Install the engine if missing.
if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then say "dockerd/docker missing and not root: cannot install docker.io"; exit 1; fi
  say "installing docker.io (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq docker.io >&2
fi
if [ "$(id -u)" != 0 ]; then say "dockerd must be started as root"; exit 1; fi

# 3. Start our own dockerd.
if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  say "dockerd pid $(cat "$PIDFILE") exists but $OUR_HOST does not answer yet; waiting for it"
else
  rm -f "$PIDFILE" "$SOCK"
  mkdir -p "$DATA_ROOT" "$EXEC_ROOT" "$(dirname "$LOG")"
  # shellcheck disable=SC2086  # EXTRA_FLAGS is a deliberate word list
  say "starting: dockerd --data-root $DATA_ROOT --host $OUR_HOST --exec-root $EXEC_ROOT --pidfile $PIDFILE $EXTRA_FLAGS"
  {
    echo "=== $(date -u +%FT%TZ) start-dockerd.sh"
    # setsid: detach from the caller's process group/session so the engine survives the CI step.
    # shellcheck disable=SC2086
    setsid dockerd --data-root "$DATA_ROOT" --host "$OUR_HOST" \
      --exec-root "$EXEC_ROOT" --pidfile "$PIDFILE" $EXTRA_FLAGS \
      </dev/null >>"$LOG" 2>&1 &
  } >>"$LOG" 2>&1
fi

for _ in $(seq 1 "$TIMEOUT"); do
  if answers "$OUR_HOST"; then finish "$OUR_HOST"; fi
  sleep 1
done

say "dockerd did not answer on $OUR_HOST within ${TIMEOUT}s; last lines of $LOG:"
tail -n 40 "$LOG" >&2 || true
say "hint: in restricted sandboxes try CONNASCENCE_DOCKERD_FLAGS='--iptables=false --bridge=none' (containers then need --network host or none)"
exit 1
