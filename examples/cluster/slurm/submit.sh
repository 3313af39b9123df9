#!/usr/bin/env bash
# A Slurm job array of SHARDS tasks, then one merge once all have ended.
#   examples/cluster/slurm/submit.sh DATA OUT [report options...]
# e.g. SHARDS=32 examples/cluster/slurm/submit.sh /shared/brats /shared/runs/brats --preset monai
# DATA and OUT must be on a filesystem every node sees. MASK_INSPECTOR names the command on the nodes
# (default: mask-inspector; e.g. "node /shared/mask-inspector/dist/cli.js").
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data=$(realpath "$1") out=$(realpath -m "$2")
shift 2
shards=${SHARDS:-16}
export MASK_INSPECTOR=${MASK_INSPECTOR:-mask-inspector}
mkdir -p "$out/logs"
# The pairs, found once on the login node: no task scans the shared filesystem again.
$MASK_INSPECTOR pairs "$data" --format jsonl > "$out/pairs.jsonl"
array=$(sbatch --parsable --array=0-$((shards - 1)) --output="$out/logs/shard_%a.log" \
  --export=ALL,OUT="$out" "$here/shard.sbatch" "$@")
# afterany: merge runs even when a task failed, and says what is missing.
sbatch --parsable --dependency=afterany:"$array" --output="$out/logs/merge.log" \
  --export=ALL,OUT="$out" "$here/merge.sbatch"
echo "array $array: $shards shards of $(wc -l < "$out/pairs.jsonl") pairs; report in $out/report.json"
