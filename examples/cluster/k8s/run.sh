#!/usr/bin/env bash
# A Kubernetes Indexed Job of 8 shards, between a Job that lists the pairs once and a Job that merges.
#   examples/cluster/k8s/run.sh          (from the repository, after `npm run build`)
# The data is on the PersistentVolumeClaim `datasets` (edit claimName in the three manifests), mounted
# at /data: masks under /data/brats, reports written to /data/runs/brats. The tool is dist/cli.js (one
# self-contained file) in a ConfigMap, run by the stock node:20-slim image.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
kubectl create configmap mask-inspector-cli --from-file=cli.js="$here/../../../dist/cli.js" \
  --dry-run=client -o yaml | kubectl apply -f -
# Waits until a Job has ended, complete or failed (`kubectl wait` waits for one condition only).
finished() {
  until kubectl get job "$1" -o jsonpath='{.status.conditions[?(@.status=="True")].type}' | grep -qE 'Complete|Failed'; do
    sleep 10
  done
  kubectl get job "$1" -o jsonpath='{.status.conditions[?(@.status=="True")].type}' | grep -q Complete
}
for step in pairs shards merge; do
  kubectl delete job "mask-inspector-$step" --ignore-not-found
  kubectl apply -f "$here/$step.yaml"
  # A shard with a failed pair fails its index; merge still runs and names the pair.
  finished "mask-inspector-$step" || [ "$step" = shards ] || { kubectl logs "job/mask-inspector-$step"; exit 1; }
done
kubectl logs job/mask-inspector-merge
