#!/usr/bin/env bash
# Runs the benchmark on a CUDA machine with the GPU build of ONNX Runtime.
# Needs CUDA 12 and cuDNN 9 on the machine. Usage (from the repository root):
#   render-node/src/main/scripts/bench-cuda.sh [model dir or name] [output dir]
# Prints the table, writes bench.json and charts; compare with a CPU run of the same command
# without -Pcuda and with --provider cpu.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
model="${1:-sam2long-demo}"
out="${2:-out/bench-cuda}"
if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
    echo "bench-cuda.sh: no NVIDIA GPU found (nvidia-smi is missing or fails): run it on a CUDA machine, or run 'sam2long bench' for the CPU figures" >&2
    exit 2
fi
./mvnw -B -q -Pcuda -DskipTests package -pl render-node -am
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
java -jar render-node/target/sam2long.jar bench --provider cuda --model "$model" --out "$out"
