// repetition_code:memory, distance 3, 9 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<5>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<5>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<5>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<5>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<5>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<5>
    qc.reset %1
    qc.reset %2
    qc.reset %3
    qc.reset %4
    qc.reset %5
    qc.gate "cx" %1, %2
    qc.gate "cx" %3, %4
    qc.gate "cx" %3, %2
    qc.gate "cx" %5, %4
    %6 = qc.measure %2
    qc.reset %2
    %7 = qc.measure %4
    qc.reset %4
    ckpt.detector [%6] coords [1.0, 0.0]
    ckpt.detector [%7] coords [3.0, 0.0]
    %8 = arith.constant 0 : index
    %9 = arith.constant 8 : index
    %10 = arith.constant 1 : index
    %11, %12 = scf.for %13 = %8 to %9 step %10 iter_args(%14 = %6, %15 = %7) -> (i1, i1) {
      qc.gate "cx" %1, %2
      qc.gate "cx" %3, %4
      qc.gate "cx" %3, %2
      qc.gate "cx" %5, %4
      %16 = qc.measure %2
      qc.reset %2
      %17 = qc.measure %4
      qc.reset %4
      ckpt.detector [%16, %14] coords [1.0, 0.0]
      ckpt.detector [%17, %15] coords [3.0, 0.0]
      scf.yield %16, %17 : i1, i1
    }
    %18 = qc.measure %1
    %19 = qc.measure %3
    %20 = qc.measure %5
    ckpt.detector [%19, %18, %11] coords [1.0, 1.0]
    ckpt.detector [%20, %19, %12] coords [3.0, 1.0]
    ckpt.observable 0 [%20]
    qc.output "logical" %20 : i1
    func.return
  }
}
