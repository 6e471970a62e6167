"""Graph algorithms on basic-block indices (iterative, linear), for the
control-flow rules: back edges, cyclic components, control dependence.
"""

from __future__ import annotations


def back_edges(succs: list[list[int]]) -> list[tuple[int, int]]:
    """Edges u->h with h on the DFS stack: every cycle reachable from the entry has one."""
    if not succs:
        return []
    WHITE, GREY, BLACK = 0, 1, 2
    color = [WHITE] * len(succs)
    out = []
    stack = [(0, 0)]
    color[0] = GREY
    while stack:
        u, k = stack[-1]
        if k < len(succs[u]):
            stack[-1] = (u, k + 1)
            v = succs[u][k]
            if color[v] == GREY:
                out.append((u, v))
            elif color[v] == WHITE:
                color[v] = GREY
                stack.append((v, 0))
        else:
            color[u] = BLACK
            stack.pop()
    return out


def cyclic_components(succs: list[list[int]]) -> dict[int, int]:
    """Tarjan's SCCs; returns node -> component id for nodes on a cycle."""
    n = len(succs)
    idx = [-1] * n
    low = [0] * n
    on = [False] * n
    st: list[int] = []
    out: dict[int, int] = {}
    counter = 0
    comp_id = 0
    for root in range(n):
        if idx[root] != -1:
            continue
        work = [(root, 0)]
        idx[root] = low[root] = counter
        counter += 1
        st.append(root)
        on[root] = True
        while work:
            u, k = work[-1]
            if k < len(succs[u]):
                work[-1] = (u, k + 1)
                v = succs[u][k]
                if idx[v] == -1:
                    idx[v] = low[v] = counter
                    counter += 1
                    st.append(v)
                    on[v] = True
                    work.append((v, 0))
                elif on[v]:
                    low[u] = min(low[u], idx[v])
                continue
            work.pop()
            if work:
                p = work[-1][0]
                low[p] = min(low[p], low[u])
            if low[u] == idx[u]:
                members = []
                while True:
                    w = st.pop()
                    on[w] = False
                    members.append(w)
                    if w == u:
                        break
                if len(members) > 1 or u in succs[u]:
                    for w in members:
                        out[w] = comp_id
                    comp_id += 1
    return out


def control_dependence(succs: list[list[int]]) -> dict[int, set[int]]:
    """block -> the branching blocks it is (directly) control dependent on
    (Ferrante et al.), from post-dominators (Cooper-Harvey-Kennedy)."""
    n = len(succs)
    exit_ = n  # a virtual exit after every block without successors
    preds_rev: list[list[int]] = [[] for _ in range(n + 1)]  # successors in the reverse graph
    rsucc: list[list[int]] = [[] for _ in range(n + 1)]  # predecessors in the reverse graph
    for u, ss in enumerate(succs):
        targets = ss if ss else [exit_]
        for v in targets:
            preds_rev[v].append(u)  # reverse edge v -> u
            rsucc[u].append(v)

    def postorder() -> tuple[list[int], list[bool]]:
        order: list[int] = []
        seen = [False] * (n + 1)
        stack = [(exit_, 0)]
        seen[exit_] = True
        while stack:
            u, k = stack[-1]
            if k < len(preds_rev[u]):
                stack[-1] = (u, k + 1)
                v = preds_rev[u][k]
                if not seen[v]:
                    seen[v] = True
                    stack.append((v, 0))
            else:
                order.append(u)
                stack.pop()
        return order, seen

    order, seen = postorder()
    stuck = [u for u in range(n) if not seen[u]]
    if stuck:  # blocks that never reach an exit (endless loops) hang off the virtual exit
        for u in stuck:
            preds_rev[exit_].append(u)
            rsucc[u].append(exit_)
        order, seen = postorder()
    rpo = list(reversed(order))
    pos = {b: i for i, b in enumerate(rpo)}
    ipdom: list[int | None] = [None] * (n + 1)
    ipdom[exit_] = exit_

    def intersect(a: int, b: int) -> int:
        while a != b:
            while pos[a] > pos[b]:
                a = ipdom[a]  # type: ignore[assignment]
            while pos[b] > pos[a]:
                b = ipdom[b]  # type: ignore[assignment]
        return a

    changed = True
    while changed:
        changed = False
        for b in rpo:
            if b == exit_:
                continue
            new = None
            for p in rsucc[b]:  # predecessors of b in the reverse graph = successors in the CFG
                if ipdom[p] is not None:
                    new = p if new is None else intersect(p, new)
            if new is not None and ipdom[b] != new:
                ipdom[b] = new
                changed = True
    deps: dict[int, set[int]] = {}
    for a, ss in enumerate(succs):
        if len(ss) < 2:
            continue
        stop = ipdom[a]
        for s in set(ss):
            runner: int | None = s
            steps = 0
            while runner is not None and runner != stop and runner != exit_ and steps <= n:
                deps.setdefault(runner, set()).add(a)
                runner = ipdom[runner]
                steps += 1
    return deps
