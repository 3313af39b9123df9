#!/usr/bin/env bash
# A stand-in for Slurm's sbatch in tests of examples/cluster/slurm: runs the script at once (each task
# of --array=LO-HI in turn) with the variables Slurm sets and those of --export, its output to --output (%a = task id), and
# prints a job id as --parsable does. Options it does not need are accepted and ignored.
set -u
array='' output=/dev/null
while [ $# -gt 0 ]; do
  case "$1" in
    --array=*) array=${1#--array=} ;;
    --output=*) output=${1#--output=} ;;
    # ALL (the default) keeps this environment; NAME=VALUE pairs are added to it.
    --export=*) IFS=, read -ra vars <<<"${1#--export=}" && for v in "${vars[@]}"; do [[ $v == *=* ]] && export "$v"; done ;;
    -*) ;;
    *) break ;;
  esac
  shift
done
script=$1
shift
if [ -n "$array" ]; then
  lo=${array%-*} hi=${array#*-}
  for ((i = lo; i <= hi; i++)); do
    SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_MIN=$lo SLURM_ARRAY_TASK_MAX=$hi SLURM_ARRAY_TASK_COUNT=$((hi - lo + 1)) \
      SLURM_CPUS_PER_TASK=1 bash "$script" "$@" >"${output//%a/$i}" 2>&1
    echo "exit $?" >>"${output//%a/$i}"
  done
else
  bash "$script" "$@" >"$output" 2>&1
  echo "exit $?" >>"$output"
fi
echo 4242
