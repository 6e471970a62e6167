// The qubit index depends on a measurement: there is nothing to unroll.
func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %q0 = qc.qubit %q[0] : !qc.reg<2>
  %m = qc.measure %q0
  %i = arith.extui %m : i1 to i64
  %x = qc.qubit_at %q[%i] : !qc.reg<2>, i64
  qc.gate "x" %x
  qc.output "c" %m : i1
  func.return
}
