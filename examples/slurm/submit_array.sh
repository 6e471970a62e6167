#!/bin/bash
# Runs PROGRAM as a job array of N shards plus a merge job that starts when all succeeded.
#
#   examples/slurm/submit_array.sh N PROGRAM STORE [qckpt run options...]
#   examples/slurm/submit_array.sh 4 prog.qasm /scratch/$USER/run1 --shots 10000000 --seed 7 --mode reproducible
#
# STORE must be on a file system every node sees (the merge job reads every shard's store).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
n=$1 program=$2 store=$3
shift 3
mkdir -p "$store"
array=$(sbatch --parsable --array=0-$((n - 1)) "$here/qckpt.sbatch" "$program" "$store" "$@")
array=${array%%;*}
merge=$(sbatch --parsable --dependency=afterok:"$array" "$here/merge.sbatch" "$store")
echo "array job $array ($n shards), merge job ${merge%%;*}: the merged store will be $store/merged"
