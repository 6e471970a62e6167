// repetition_code:memory, distance 9, 27 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<17>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<17>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<17>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<17>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<17>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<17>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<17>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<17>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<17>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<17>
    %10 = qc.qubit %0[9 : i64] : !qc.reg<17>
    %11 = qc.qubit %0[10 : i64] : !qc.reg<17>
    %12 = qc.qubit %0[11 : i64] : !qc.reg<17>
    %13 = qc.qubit %0[12 : i64] : !qc.reg<17>
    %14 = qc.qubit %0[13 : i64] : !qc.reg<17>
    %15 = qc.qubit %0[14 : i64] : !qc.reg<17>
    %16 = qc.qubit %0[15 : i64] : !qc.reg<17>
    %17 = qc.qubit %0[16 : i64] : !qc.reg<17>
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
    qc.reset %14
    qc.reset %15
    qc.reset %16
    qc.reset %17
    qc.gate "cx" %1, %2
    qc.gate "cx" %3, %4
    qc.gate "cx" %5, %6
    qc.gate "cx" %7, %8
    qc.gate "cx" %9, %10
    qc.gate "cx" %11, %12
    qc.gate "cx" %13, %14
    qc.gate "cx" %15, %16
    qc.gate "cx" %3, %2
    qc.gate "cx" %5, %4
    qc.gate "cx" %7, %6
    qc.gate "cx" %9, %8
    qc.gate "cx" %11, %10
    qc.gate "cx" %13, %12
    qc.gate "cx" %15, %14
    qc.gate "cx" %17, %16
    %18 = qc.measure %2
    qc.reset %2
    %19 = qc.measure %4
    qc.reset %4
    %20 = qc.measure %6
    qc.reset %6
    %21 = qc.measure %8
    qc.reset %8
    %22 = qc.measure %10
    qc.reset %10
    %23 = qc.measure %12
    qc.reset %12
    %24 = qc.measure %14
    qc.reset %14
    %25 = qc.measure %16
    qc.reset %16
    ckpt.detector [%18] coords [1.0, 0.0]
    ckpt.detector [%19] coords [3.0, 0.0]
    ckpt.detector [%20] coords [5.0, 0.0]
    ckpt.detector [%21] coords [7.0, 0.0]
    ckpt.detector [%22] coords [9.0, 0.0]
    ckpt.detector [%23] coords [11.0, 0.0]
    ckpt.detector [%24] coords [13.0, 0.0]
    ckpt.detector [%25] coords [15.0, 0.0]
    %26 = arith.constant 0 : index
    %27 = arith.constant 26 : index
    %28 = arith.constant 1 : index
    %29, %30, %31, %32, %33, %34, %35, %36 = scf.for %37 = %26 to %27 step %28 iter_args(%38 = %18, %39 = %19, %40 = %20, %41 = %21, %42 = %22, %43 = %23, %44 = %24, %45 = %25) -> (i1, i1, i1, i1, i1, i1, i1, i1) {
      qc.gate "cx" %1, %2
      qc.gate "cx" %3, %4
      qc.gate "cx" %5, %6
      qc.gate "cx" %7, %8
      qc.gate "cx" %9, %10
      qc.gate "cx" %11, %12
      qc.gate "cx" %13, %14
      qc.gate "cx" %15, %16
      qc.gate "cx" %3, %2
      qc.gate "cx" %5, %4
      qc.gate "cx" %7, %6
      qc.gate "cx" %9, %8
      qc.gate "cx" %11, %10
      qc.gate "cx" %13, %12
      qc.gate "cx" %15, %14
      qc.gate "cx" %17, %16
      %46 = qc.measure %2
      qc.reset %2
      %47 = qc.measure %4
      qc.reset %4
      %48 = qc.measure %6
      qc.reset %6
      %49 = qc.measure %8
      qc.reset %8
      %50 = qc.measure %10
      qc.reset %10
      %51 = qc.measure %12
      qc.reset %12
      %52 = qc.measure %14
      qc.reset %14
      %53 = qc.measure %16
      qc.reset %16
      ckpt.detector [%46, %38] coords [1.0, 0.0]
      ckpt.detector [%47, %39] coords [3.0, 0.0]
      ckpt.detector [%48, %40] coords [5.0, 0.0]
      ckpt.detector [%49, %41] coords [7.0, 0.0]
      ckpt.detector [%50, %42] coords [9.0, 0.0]
      ckpt.detector [%51, %43] coords [11.0, 0.0]
      ckpt.detector [%52, %44] coords [13.0, 0.0]
      ckpt.detector [%53, %45] coords [15.0, 0.0]
      scf.yield %46, %47, %48, %49, %50, %51, %52, %53 : i1, i1, i1, i1, i1, i1, i1, i1
    }
    %54 = qc.measure %1
    %55 = qc.measure %3
    %56 = qc.measure %5
    %57 = qc.measure %7
    %58 = qc.measure %9
    %59 = qc.measure %11
    %60 = qc.measure %13
    %61 = qc.measure %15
    %62 = qc.measure %17
    ckpt.detector [%55, %54, %29] coords [1.0, 1.0]
    ckpt.detector [%56, %55, %30] coords [3.0, 1.0]
    ckpt.detector [%57, %56, %31] coords [5.0, 1.0]
    ckpt.detector [%58, %57, %32] coords [7.0, 1.0]
    ckpt.detector [%59, %58, %33] coords [9.0, 1.0]
    ckpt.detector [%60, %59, %34] coords [11.0, 1.0]
    ckpt.detector [%61, %60, %35] coords [13.0, 1.0]
    ckpt.detector [%62, %61, %36] coords [15.0, 1.0]
    ckpt.observable 0 [%62]
    qc.output "logical" %62 : i1
    func.return
  }
}
