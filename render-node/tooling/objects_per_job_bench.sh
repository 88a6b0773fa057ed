#!/bin/bash
# farm submit --objects-per-job N: wall time of 'farm work --slots 1 --exit-when-idle' until every job is done,
# for a 6-object shot on the bundled sample clip (120 frames) with the demo model, N = 1, 3 and 6 interleaved,
# three rounds. Also prints each run's job span (first 'tracking' line to last 'done:' line of the worker log),
# which leaves out JVM start and the idle wait before the worker exits.
# Usage (after ./mvnw -B -q -pl render-node -am -DskipTests package):
#   render-node/tooling/objects_per_job_bench.sh [scratch-dir]   (default /tmp/sam2long-opj)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/render-node/target/sam2long.jar
B=$(mkdir -p "${1:-/tmp/sam2long-opj}" && cd "${1:-/tmp/sam2long-opj}" && pwd)
cp "$ROOT/render-node/src/main/resources/sample/orbit.mp4" "$B/orbit.mp4"
shot() { # $1 = output folder
cat <<J
{"format": "sam2long-shot", "version": 1,
 "source": {"path": "$B/orbit.mp4"},
 "objects": [
   {"id": 1, "name": "disc", "prompts": [{"frame": 0, "clicks": [{"x": 60, "y": 120}]}]},
   {"id": 2, "name": "square", "prompts": [{"frame": 0, "clicks": [{"x": 80, "y": 190}]}]},
   {"id": 3, "name": "bg_a", "prompts": [{"frame": 0, "clicks": [{"x": 20, "y": 20}]}]},
   {"id": 4, "name": "bg_b", "prompts": [{"frame": 0, "clicks": [{"x": 300, "y": 20}]}]},
   {"id": 5, "name": "bg_c", "prompts": [{"frame": 0, "clicks": [{"x": 300, "y": 220}]}]},
   {"id": 6, "name": "bg_d", "prompts": [{"frame": 0, "clicks": [{"x": 160, "y": 120}]}]}
 ],
 "preset": {"name": "default", "overrides": {"model.name": "sam2long-demo", "tracking.direction": "forward"}},
 "output": {"folder": "$1"}}
J
}
for round in 1 2 3; do
  for n in 1 3 6; do
    d=$B/run-$round-$n; rm -rf "$d"; mkdir -p "$d"
    shot "$d/out" > "$d/shot.json"
    java -jar "$JAR" farm submit "$d/shot.json" --objects-per-job $n --db "$d/db" > "$d/submit.log" 2>&1 || { cat "$d/submit.log"; exit 1; }
    t0=$(date +%s.%N)
    java -jar "$JAR" farm work --slots 1 --exit-when-idle --db "$d/db" > "$d/work.log" 2>&1
    rc=$?
    t1=$(date +%s.%N)
    a=$(grep -m1 "tracking /" "$d/work.log" | cut -c1-8); z=$(grep "done:" "$d/work.log" | tail -1 | cut -c1-8)
    printf "round %d objects-per-job %d: %.1f s wall, %d s job span, %d jobs (rc %d, %d mattes, load %s)\n" $round $n \
        "$(echo "$t1 - $t0" | bc)" $(( $(date -d "$z" +%s) - $(date -d "$a" +%s) )) "$(grep -c 'done:' "$d/work.log")" $rc \
        "$(find "$d/out" -name '*.png' | wc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
