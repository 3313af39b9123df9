#!/usr/bin/env bash
# One machine, N shards side by side with GNU parallel, then one report.
#   examples/cluster/parallel.sh DATA OUT [report options...]
# e.g. examples/cluster/parallel.sh /data/brats runs/brats --preset monai --ignore-index 255
# SHARDS (default: the number of CPUs) processes of --jobs 1; run it again after a crash or Ctrl-C and
# each shard resumes where it stopped. MASK_INSPECTOR names the command (default: mask-inspector).
set -euo pipefail
data=$1 out=$2
shift 2
mi=${MASK_INSPECTOR:-mask-inspector}
shards=${SHARDS:-$(nproc)}
mkdir -p "$out"
# The pairs, found once: the shards read this list instead of scanning the dataset again.
[ -s "$out/pairs.jsonl" ] || $mi pairs "$data" --format jsonl > "$out/pairs.jsonl"
# {} is the shard number 1..N. A pair that fails makes its shard exit 1; merge says which (--halt never).
parallel --quote --halt never -j "$shards" \
  $mi report --pairs "$out/pairs.jsonl" --shard {}/"$shards" --jobs 1 --out "$out/part_{}.jsonl" --resume "$@" \
  ::: $(seq 1 "$shards") || true
# Exit 1 if a pair failed, a part is missing or incomplete, or a pair of the list is in no part.
$mi merge "$out"/part_*.jsonl --pairs "$out/pairs.jsonl" --out "$out/report.json"
