#!/bin/sh
# sam2long launcher: runs the command line on the release's private Java runtime (jlink), never the
# machine's Java. Works from an unpacked release, from /opt/sam2long and through /usr/bin/sam2long.
# SAM2LONG_JAVA_OPTS adds JVM options (default -Xmx8g).
self=$(readlink -f "$0")
home=$(cd "$(dirname "$self")/.." && pwd)
java="$home/runtime/bin/java"
if [ ! -x "$java" ]; then
    echo "sam2long: the private Java runtime $home/runtime/bin/java is missing; reinstall sam2long" >&2
    exit 1
fi
# shellcheck disable=SC2086
exec "$java" ${SAM2LONG_JAVA_OPTS:--Xmx8g} -Djava.awt.headless=true -Dsam2long.home="$home" \
    -cp "$home/lib/*" org.sam2long.installer.cli.Sam2LongDistMain "$@"
