// repetition_code:memory, distance 5, 15 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<9>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<9>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<9>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<9>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<9>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<9>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<9>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<9>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<9>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<9>
    qc.reset %1
    qc.reset %2
    qc.reset %3
    qc.reset %4
    qc.reset %5
    qc.reset %6
    qc.reset %7
    qc.reset %8
    qc.reset %9
    qc.gate "cx" %1, %2
    qc.gate "cx" %3, %4
    qc.gate "cx" %5, %6
    qc.gate "cx" %7, %8
    qc.gate "cx" %3, %2
    qc.gate "cx" %5, %4
    qc.gate "cx" %7, %6
    qc.gate "cx" %9, %8
    %10 = qc.measure %2
    qc.reset %2
    %11 = qc.measure %4
    qc.reset %4
    %12 = qc.measure %6
    qc.reset %6
    %13 = qc.measure %8
    qc.reset %8
    ckpt.detector [%10] coords [1.0, 0.0]
    ckpt.detector [%11] coords [3.0, 0.0]
    ckpt.detector [%12] coords [5.0, 0.0]
    ckpt.detector [%13] coords [7.0, 0.0]
    %14 = arith.constant 0 : index
    %15 = arith.constant 14 : index
    %16 = arith.constant 1 : index
    %17, %18, %19, %20 = scf.for %21 = %14 to %15 step %16 iter_args(%22 = %10, %23 = %11, %24 = %12, %25 = %13) -> (i1, i1, i1, i1) {
      qc.gate "cx" %1, %2
      qc.gate "cx" %3, %4
      qc.gate "cx" %5, %6
      qc.gate "cx" %7, %8
      qc.gate "cx" %3, %2
      qc.gate "cx" %5, %4
      qc.gate "cx" %7, %6
      qc.gate "cx" %9, %8
      %26 = qc.measure %2
      qc.reset %2
      %27 = qc.measure %4
      qc.reset %4
      %28 = qc.measure %6
      qc.reset %6
      %29 = qc.measure %8
      qc.reset %8
      ckpt.detector [%26, %22] coords [1.0, 0.0]
      ckpt.detector [%27, %23] coords [3.0, 0.0]
      ckpt.detector [%28, %24] coords [5.0, 0.0]
      ckpt.detector [%29, %25] coords [7.0, 0.0]
      scf.yield %26, %27, %28, %29 : i1, i1, i1, i1
    }
    %30 = qc.measure %1
    %31 = qc.measure %3
    %32 = qc.measure %5
    %33 = qc.measure %7
    %34 = qc.measure %9
    ckpt.detector [%31, %30, %17] coords [1.0, 1.0]
    ckpt.detector [%32, %31, %18] coords [3.0, 1.0]
    ckpt.detector [%33, %32, %19] coords [5.0, 1.0]
    ckpt.detector [%34, %33, %20] coords [7.0, 1.0]
    ckpt.observable 0 [%34]
    qc.output "logical" %34 : i1
    func.return
  }
}
