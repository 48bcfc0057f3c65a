#!/usr/bin/env bash
# The card reader tests' PC/SC service: pcscd with only the vsmartcard vpcd
# reader ("Virtual PCD 00 00" on TCP port 35963), as a CTest fixture.
#   pcscd_fixture.sh start STATE_DIR | stop STATE_DIR
# A pcscd that is already running is used as it is (the tests then need its
# vpcd reader); one this script started is stopped by `stop`.
set -euo pipefail
action=${1:?start or stop}
state=${2:?state directory}
socket=/run/pcscd/pcscd.comm
driver=$(ls /usr/lib/pcsc/drivers/serial/libifdvpcd.so* 2>/dev/null | head -n 1 || true)
case "$action" in
  start)
    mkdir -p "$state/reader.conf.d"
    rm -f "$state/started-pid"
    if pgrep -x -r D,R,S pcscd >/dev/null; then
      echo "pcscd is already running: the tests use it"
      exit 0
    fi
    [[ -n "$driver" ]] || { echo "no vpcd driver: install vsmartcard-vpcd (scripts/setup-deps tokens)" >&2; exit 1; }
    cat >"$state/reader.conf.d/vpcd" <<CONF
FRIENDLYNAME "Virtual PCD"
DEVICENAME   /dev/null:0x8C7B
LIBPATH      $driver
CHANNELID    0x8C7B
CONF
    pcscd --config "$state/reader.conf.d" --foreground >"$state/pcscd.log" 2>&1 &
    echo $! >"$state/started-pid"
    for _ in $(seq 100); do
      [[ -S "$socket" ]] && exit 0
      sleep 0.05
    done
    echo "pcscd did not start:" >&2
    cat "$state/pcscd.log" >&2
    exit 1
    ;;
  stop)
    if [[ -f "$state/started-pid" ]]; then
      pid=$(cat "$state/started-pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
      rm -f "$state/started-pid"
    fi
    ;;
  *)
    echo "usage: pcscd_fixture.sh start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
