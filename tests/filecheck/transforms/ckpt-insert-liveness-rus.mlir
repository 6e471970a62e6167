// RUN: xdsl-opt %s -p 'ckpt-insert{policy=every every=1}' | filecheck %s
// Repeat until success with the target reset at the start of each try: at
// the iteration boundary %a is still entangled with %b from the last try, but
// its next operation is a reset, so it is dead and carries no state. The cut
// is empty: the boundary is exact (restorable, no replay), although %a is
// measured after the loop (inside the body the loop has decided to go on).

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %a = qc.qubit %q[0] : !qc.reg<2>
  %b = qc.qubit %q[1] : !qc.reg<2>
  qc.gate "h" %a
  %m0 = qc.measure %a
  %done = scf.while (%again = %m0) : (i1) -> i1 {
    scf.condition(%again) %again : i1
  } do {
  ^bb0(%c: i1):
    qc.reset %a
    qc.gate "h" %a
    qc.gate "cx" %a, %b
    %m = qc.measure %b
    qc.reset %b
    scf.yield %m : i1
  }
  %r = qc.measure %a
  qc.output "c" %done, %r : i1, i1
  func.return
}

// CHECK:      ^bb0(%c: i1):
// CHECK-NEXT:   ckpt.boundary 0 algorithmic "iteration" [%c as "c" : i1] cut [] cost 0
// CHECK-NOT:    ckpt.not_restorable
// CHECK-NEXT:   qc.reset %a
