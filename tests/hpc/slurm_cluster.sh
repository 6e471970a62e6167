#!/usr/bin/env bash
# A real one-node Slurm cluster in a directory of its own, for tests and for trying the
# recipes in examples/slurm/ on a workstation:
#
#   tests/hpc/slurm_cluster.sh start DIR   # install slurm-wlm + munge if missing, start munged,
#                                          # slurmctld and slurmd, wait until the node is idle
#   . DIR/env                              # SLURM_CONF=DIR/slurm.conf: sbatch, squeue, ... use it
#   tests/hpc/slurm_cluster.sh stop DIR    # stop the three daemons by the pids they wrote
#
# Everything (key, socket, state, spool, logs, pid files) lives in DIR, and the ports are
# free ones picked at start, so it never touches a system Slurm or munge, and two clusters
# can run side by side. It needs root: SlurmUser=root, and slurmd runs jobs as their user.
set -euo pipefail

die() { echo "slurm_cluster.sh: $*" >&2; exit 1; }

install_if_missing() {
    command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null \
        && command -v munged >/dev/null && return 0
    [ "$(id -u)" = 0 ] || die "slurm-wlm and munge are not installed and installing them needs root"
    command -v apt-get >/dev/null || die "slurm-wlm and munge are not installed and there is no apt-get to install them"
    echo "slurm_cluster.sh: installing slurm-wlm and munge" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq slurm-wlm munge >&2
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Sends SIGTERM to the pid in a pid file and waits (up to 20 s) for it to go; SIGKILL after that.
stop_pidfile() {
    local f=$1 pid
    [ -s "$f" ] || return 0
    pid=$(cat "$f")
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
}

start() {
    local dir=$1
    install_if_missing
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ -e "$dir/slurm.conf" ] && die "$dir already holds a cluster (stop it first)"
    mkdir -p "$dir/state" "$dir/spool"
    chmod 700 "$dir"

    # munge: a key of our own and a socket in DIR, so a system munged (if any) is not involved.
    dd if=/dev/urandom of="$dir/munge.key" bs=1024 count=1 status=none
    chmod 400 "$dir/munge.key"
    munged --force --key-file="$dir/munge.key" --socket="$dir/munge.sock" \
        --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munged.seed"

    local node cpus ctld_port d_port
    node=$(hostname -s)
    cpus=$(nproc --all)
    ctld_port=$(free_port)
    d_port=$(free_port)
    while [ "$d_port" = "$ctld_port" ]; do d_port=$(free_port); done
    cat >"$dir/slurm.conf" <<CONF
ClusterName=qckpt-test
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
AuthType=auth/munge
CredType=cred/munge
# cred_expire also sets how long a requeued job waits before it may start again (default 120 s).
AuthInfo=socket=$dir/munge.sock,cred_expire=5
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
PlugStackConfig=$dir/plugstack.conf
# No cgroups in containers: track processes by parent pid, bind no CPUs.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
# Schedule every second (default: every 30-60 s), so a requeued job starts a few seconds
# after its cred_expire wait, not half a minute later.
SchedulerParameters=sched_interval=1,bf_interval=1
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
ReturnToService=2
# Finished jobs stay visible to scontrol for 10 minutes (there is no accounting database).
MinJobAge=600
KillWait=5
InactiveLimit=0
Waittime=0
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
    : >"$dir/plugstack.conf"
    cat >"$dir/env" <<ENV
export SLURM_CONF=$dir/slurm.conf
ENV
    export SLURM_CONF=$dir/slurm.conf
    slurmctld -f "$dir/slurm.conf" -i
    slurmd -f "$dir/slurm.conf" -N "$node"
    for _ in $(seq 300); do
        state=$(sinfo -h -N -n "$node" -o %T 2>/dev/null || true)
        case "$state" in
            idle*) echo "$dir/env"; return 0 ;;
        esac
        sleep 0.1
    done
    echo "slurm_cluster.sh: the node did not become idle within 30 s (state: ${state:-none}); logs in $dir" >&2
    tail -n 20 "$dir/slurmctld.log" "$dir/slurmd.log" >&2 || true
    stop "$dir"
    exit 1
}

stop() {
    local dir=$1
    [ -d "$dir" ] || die "$dir: no such directory"
    # Jobs first: their slurmstepd and tasks outlive slurmd. Cancel them, wait for them to
    # end, and kill by pid whatever of them is left (scontrol listpids asks the step daemons).
    if [ -s "$dir/slurmctld.pid" ] && kill -0 "$(cat "$dir/slurmctld.pid")" 2>/dev/null; then
        export SLURM_CONF=$dir/slurm.conf
        scancel --user="$(id -un)" 2>/dev/null || true
        for _ in $(seq 150); do
            [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
            sleep 0.1
        done
        local pids
        pids=$(scontrol listpids 2>/dev/null | awk 'NR > 1 && $1 ~ /^[0-9]+$/ {print $1}' || true)
        [ -n "$pids" ] && kill -KILL $pids 2>/dev/null || true
    fi
    stop_pidfile "$dir/slurmd.pid"
    stop_pidfile "$dir/slurmctld.pid"
    stop_pidfile "$dir/munged.pid"
}

case "${1:-}" in
    start) [ $# = 2 ] || die "usage: $0 start DIR"; start "$2" ;;
    stop) [ $# = 2 ] || die "usage: $0 stop DIR"; stop "$2" ;;
    *) die "usage: $0 start DIR | stop DIR" ;;
esac
