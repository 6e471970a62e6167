// repetition_code:memory, distance 7, 21 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<13>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<13>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<13>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<13>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<13>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<13>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<13>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<13>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<13>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<13>
    %10 = qc.qubit %0[9 : i64] : !qc.reg<13>
    %11 = qc.qubit %0[10 : i64] : !qc.reg<13>
    %12 = qc.qubit %0[11 : i64] : !qc.reg<13>
    %13 = qc.qubit %0[12 : i64] : !qc.reg<13>
    qc.reset %1
    qc.reset %2
    qc.reset %3
    qc.reset %4
    qc.reset %5
    qc.reset %6
    qc.reset %7
    qc.reset %8
    qc.reset %9
    qc.reset %10
    qc.reset %11
    qc.reset %12
    qc.reset %13
    qc.gate "cx" %1, %2
    qc.gate "cx" %3, %4
    qc.gate "cx" %5, %6
    qc.gate "cx" %7, %8
    qc.gate "cx" %9, %10
    qc.gate "cx" %11, %12
    qc.gate "cx" %3, %2
    qc.gate "cx" %5, %4
    qc.gate "cx" %7, %6
    qc.gate "cx" %9, %8
    qc.gate "cx" %11, %10
    qc.gate "cx" %13, %12
    %14 = qc.measure %2
    qc.reset %2
    %15 = qc.measure %4
    qc.reset %4
    %16 = qc.measure %6
    qc.reset %6
    %17 = qc.measure %8
    qc.reset %8
    %18 = qc.measure %10
    qc.reset %10
    %19 = qc.measure %12
    qc.reset %12
    ckpt.detector [%14] coords [1.0, 0.0]
    ckpt.detector [%15] coords [3.0, 0.0]
    ckpt.detector [%16] coords [5.0, 0.0]
    ckpt.detector [%17] coords [7.0, 0.0]
    ckpt.detector [%18] coords [9.0, 0.0]
    ckpt.detector [%19] coords [11.0, 0.0]
    %20 = arith.constant 0 : index
    %21 = arith.constant 20 : index
    %22 = arith.constant 1 : index
    %23, %24, %25, %26, %27, %28 = scf.for %29 = %20 to %21 step %22 iter_args(%30 = %14, %31 = %15, %32 = %16, %33 = %17, %34 = %18, %35 = %19) -> (i1, i1, i1, i1, i1, i1) {
      qc.gate "cx" %1, %2
      qc.gate "cx" %3, %4
      qc.gate "cx" %5, %6
      qc.gate "cx" %7, %8
      qc.gate "cx" %9, %10
      qc.gate "cx" %11, %12
      qc.gate "cx" %3, %2
      qc.gate "cx" %5, %4
      qc.gate "cx" %7, %6
      qc.gate "cx" %9, %8
      qc.gate "cx" %11, %10
      qc.gate "cx" %13, %12
      %36 = qc.measure %2
      qc.reset %2
      %37 = qc.measure %4
      qc.reset %4
      %38 = qc.measure %6
      qc.reset %6
      %39 = qc.measure %8
      qc.reset %8
      %40 = qc.measure %10
      qc.reset %10
      %41 = qc.measure %12
      qc.reset %12
      ckpt.detector [%36, %30] coords [1.0, 0.0]
      ckpt.detector [%37, %31] coords [3.0, 0.0]
      ckpt.detector [%38, %32] coords [5.0, 0.0]
      ckpt.detector [%39, %33] coords [7.0, 0.0]
      ckpt.detector [%40, %34] coords [9.0, 0.0]
      ckpt.detector [%41, %35] coords [11.0, 0.0]
      scf.yield %36, %37, %38, %39, %40, %41 : i1, i1, i1, i1, i1, i1
    }
    %42 = qc.measure %1
    %43 = qc.measure %3
    %44 = qc.measure %5
    %45 = qc.measure %7
    %46 = qc.measure %9
    %47 = qc.measure %11
    %48 = qc.measure %13
    ckpt.detector [%43, %42, %23] coords [1.0, 1.0]
    ckpt.detector [%44, %43, %24] coords [3.0, 1.0]
    ckpt.detector [%45, %44, %25] coords [5.0, 1.0]
    ckpt.detector [%46, %45, %26] coords [7.0, 1.0]
    ckpt.detector [%47, %46, %27] coords [9.0, 1.0]
    ckpt.detector [%48, %47, %28] coords [11.0, 1.0]
    ckpt.observable 0 [%48]
    qc.output "logical" %48 : i1
    func.return
  }
}
