// RUN: xdsl-opt %s -p 'ckpt-insert{policy=every every=2}' | filecheck %s --check-prefix=EVERY
// RUN: xdsl-opt %s -p 'ckpt-insert{policy=every every=1}' | filecheck %s --check-prefix=EVERY1
// RUN: xdsl-opt %s -p 'ckpt-insert{policy=interval mtbf=1.0e-7}' | filecheck %s --check-prefix=INTERVAL
// RUN: xdsl-opt %s -p 'ckpt-insert{policy=interval mtbf=1.0e6}' | filecheck %s --check-prefix=RELIABLE
// A repeat-until-success loop whose body ends with both qubits measured or
// reset: every iteration starts exact. every=2 gives the while an iteration counter (qckpt.iteration,
// carried, persisted) and guards the boundary with counter % 2 == 0; every=1
// needs no counter. interval places boundaries by Daly's rule: on a machine
// failing every 100 ns some, on a reliable one none.

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
    %m = qc.measure %a
    qc.reset %b
    scf.yield %m : i1
  }
  %r = qc.measure %b
  qc.output "c" %done, %r : i1, i1
  func.return
}

// EVERY:      %[[ZERO:.*]] = arith.constant 0 : i64
// EVERY-NEXT: %{{.*}}, %{{.*}} = scf.while (%again = %m0, %[[N:.*]] = %[[ZERO]]) : (i1, i64) -> (i1, i64) {
// EVERY-NEXT:   scf.condition(%again) %again, %[[N]] : i1, i64
// EVERY:      ^bb0(%c: i1, %qckpt.iteration: i64):
// EVERY:        %[[REM:.*]] = arith.remui %qckpt.iteration, %{{.*}} : i64
// EVERY-NEXT:   %[[HIT:.*]] = arith.cmpi eq, %[[REM]], %{{.*}} : i64
// EVERY-NEXT:   scf.if %[[HIT]] {
// EVERY-NEXT:     ckpt.boundary 0 algorithmic "every 2 iterations" [%c as "c" : i1, %qckpt.iteration as "qckpt.iteration" : i64] cut [] cost 0
// EVERY:        %[[NEXT:.*]] = arith.addi %qckpt.iteration, %{{.*}} : i64
// EVERY-NEXT:   scf.yield %m, %[[NEXT]] : i1, i64

// EVERY1:      ^bb0(%c: i1):
// EVERY1-NEXT:   ckpt.boundary 0 algorithmic "iteration" [%c as "c" : i1] cut [] cost 0
// EVERY1-NEXT:   qc.reset %a

// INTERVAL:   ckpt.boundary {{[0-9]+}} {{classicalized|user}} "interval"
// RELIABLE-NOT: ckpt.boundary
