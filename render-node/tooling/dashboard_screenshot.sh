#!/bin/sh
# Takes docs/farm-dashboard.png: JobRunr's dashboard (sam2long farm work --dashboard-port) with a shot in
# progress, opened in Debian's headless Chromium. Not part of CI.
# Chromium's own --screenshot captures at the load event, before the dashboard (a single-page app) has
# drawn anything (only its loading spinner), and --virtual-time-budget never ends while the dashboard's
# event stream is open; so Chromium runs with a debugging port and CdpScreenshot.java (JDK only) takes
# the picture a few seconds after navigating, through the DevTools protocol.
#
#   apt-get install -y chromium            # once
#   ./mvnw -B -q -pl render-node -am package -DskipTests
#   render-node/tooling/dashboard_screenshot.sh [docs/farm-dashboard.png]
#
# It uses a throw-away H2 queue in a temporary folder, the bundled sample clip and the demo model:
# two shots of four objects are queued (one job each), one worker (which also serves the dashboard, so one process holds the H2
# file) tracks them, and the page of the running job (four objects in one job; its progress bar, frames done of total, and its
# log) is captured once the job is past a few frames.
set -eu
cd "$(dirname "$0")/../.."
out_png=${1:-docs/farm-dashboard.png}
jar=render-node/target/sam2long.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -q -pl render-node -am package -DskipTests" >&2; exit 2; }
chrome=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chrome" ] || { echo "no chromium: apt-get install -y chromium" >&2; exit 2; }
port=${SAM2LONG_DASHBOARD_PORT:-8765}
work=$(mktemp -d)
worker=""
browser=""
cleanup() {
  [ -z "$browser" ] || { kill "$browser" 2>/dev/null; wait "$browser" 2>/dev/null || true; }
  [ -z "$worker" ] || { kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

unzip -p "$jar" sample/orbit.mp4 > "$work/orbit.mp4"
for n in 010 020; do
  cat > "$work/shot$n.json" <<JSON
{"format": "sam2long-shot", "version": 1,
 "source": {"path": "$work/orbit.mp4"},
 "objects": [
   {"id": 1, "name": "disc", "prompts": [{"frame": 0, "clicks": [{"x": 60, "y": 120}]}]},
   {"id": 2, "name": "square", "prompts": [{"frame": 0, "clicks": [{"x": 80, "y": 190}]}]},
   {"id": 3, "name": "disc-b", "prompts": [{"frame": 0, "clicks": [{"x": 64, "y": 124}]}]},
   {"id": 4, "name": "square-b", "prompts": [{"frame": 0, "clicks": [{"x": 84, "y": 194}]}]}
 ],
 "preset": {"name": "default", "overrides": {"model.name": "sam2long-demo"}},
 "output": {"folder": "$work/out$n"}}
JSON
  # four objects in one job, so the job runs long enough to be caught in progress
  java -jar "$jar" farm submit "$work/shot$n.json" --objects-per-job 4 --db "$work/farm"
done
# the dashboard also asks api.jobrunr.io for news; with no network that request hangs: refuse it at once
debug_port=${SAM2LONG_CHROME_DEBUG_PORT:-9339}
"$chrome" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,1000 \
  --remote-debugging-port="$debug_port" --user-data-dir="$work/chrome-profile" \
  --host-resolver-rules="MAP *.jobrunr.io 127.0.0.1:9" about:blank > "$work/chrome.log" 2>&1 &
browser=$!
java -Xmx1g -jar "$jar" farm work --db "$work/farm" --dashboard-port "$port" > "$work/worker.log" 2>&1 &
worker=$!

# wait for a job past a few frames (the worker logs "frame n/120")
job=""
i=0
while [ $i -lt 600 ] && [ -z "$job" ]; do
  job=$(grep -E 'frame (1[0-9]|[2-5][0-9])/120' "$work/worker.log" | tail -1 | sed -E 's/.*\[job ([0-9a-f-]+)\].*/\1/' || true)
  i=$((i + 1)); sleep 0.2
done
[ -n "$job" ] || { echo "no job got running; worker log:" >&2; cat "$work/worker.log" >&2; exit 1; }
sleep 3 # JobRunr saves the progress bar on its next poll
echo "job $job is running; screenshot of http://127.0.0.1:$port/dashboard/jobs/$job"
timeout 120 java render-node/tooling/CdpScreenshot.java "$debug_port" "http://127.0.0.1:$port/dashboard/jobs/$job" 4 \
  "$work/shot.png" || { cat "$work/chrome.log" >&2; exit 1; }
mkdir -p "$(dirname "$out_png")"
cp "$work/shot.png" "$out_png.tmp" && mv "$out_png.tmp" "$out_png"
echo "wrote $out_png"
