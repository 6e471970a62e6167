// repetition_code:memory, distance 13, 39 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<25>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<25>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<25>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<25>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<25>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<25>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<25>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<25>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<25>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<25>
    %10 = qc.qubit %0[9 : i64] : !qc.reg<25>
    %11 = qc.qubit %0[10 : i64] : !qc.reg<25>
    %12 = qc.qubit %0[11 : i64] : !qc.reg<25>
    %13 = qc.qubit %0[12 : i64] : !qc.reg<25>
    %14 = qc.qubit %0[13 : i64] : !qc.reg<25>
    %15 = qc.qubit %0[14 : i64] : !qc.reg<25>
    %16 = qc.qubit %0[15 : i64] : !qc.reg<25>
    %17 = qc.qubit %0[16 : i64] : !qc.reg<25>
    %18 = qc.qubit %0[17 : i64] : !qc.reg<25>
    %19 = qc.qubit %0[18 : i64] : !qc.reg<25>
    %20 = qc.qubit %0[19 : i64] : !qc.reg<25>
    %21 = qc.qubit %0[20 : i64] : !qc.reg<25>
    %22 = qc.qubit %0[21 : i64] : !qc.reg<25>
    %23 = qc.qubit %0[22 : i64] : !qc.reg<25>
    %24 = qc.qubit %0[23 : i64] : !qc.reg<25>
    %25 = qc.qubit %0[24 : i64] : !qc.reg<25>
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
    qc.reset %18
    qc.reset %19
    qc.reset %20
    qc.reset %21
    qc.reset %22
    qc.reset %23
    qc.reset %24
    qc.reset %25
    qc.gate "cx" %1, %2
    qc.gate "cx" %3, %4
    qc.gate "cx" %5, %6
    qc.gate "cx" %7, %8
    qc.gate "cx" %9, %10
    qc.gate "cx" %11, %12
    qc.gate "cx" %13, %14
    qc.gate "cx" %15, %16
    qc.gate "cx" %17, %18
    qc.gate "cx" %19, %20
    qc.gate "cx" %21, %22
    qc.gate "cx" %23, %24
    qc.gate "cx" %3, %2
    qc.gate "cx" %5, %4
    qc.gate "cx" %7, %6
    qc.gate "cx" %9, %8
    qc.gate "cx" %11, %10
    qc.gate "cx" %13, %12
    qc.gate "cx" %15, %14
    qc.gate "cx" %17, %16
    qc.gate "cx" %19, %18
    qc.gate "cx" %21, %20
    qc.gate "cx" %23, %22
    qc.gate "cx" %25, %24
    %26 = qc.measure %2
    qc.reset %2
    %27 = qc.measure %4
    qc.reset %4
    %28 = qc.measure %6
    qc.reset %6
    %29 = qc.measure %8
    qc.reset %8
    %30 = qc.measure %10
    qc.reset %10
    %31 = qc.measure %12
    qc.reset %12
    %32 = qc.measure %14
    qc.reset %14
    %33 = qc.measure %16
    qc.reset %16
    %34 = qc.measure %18
    qc.reset %18
    %35 = qc.measure %20
    qc.reset %20
    %36 = qc.measure %22
    qc.reset %22
    %37 = qc.measure %24
    qc.reset %24
    ckpt.detector [%26] coords [1.0, 0.0]
    ckpt.detector [%27] coords [3.0, 0.0]
    ckpt.detector [%28] coords [5.0, 0.0]
    ckpt.detector [%29] coords [7.0, 0.0]
    ckpt.detector [%30] coords [9.0, 0.0]
    ckpt.detector [%31] coords [11.0, 0.0]
    ckpt.detector [%32] coords [13.0, 0.0]
    ckpt.detector [%33] coords [15.0, 0.0]
    ckpt.detector [%34] coords [17.0, 0.0]
    ckpt.detector [%35] coords [19.0, 0.0]
    ckpt.detector [%36] coords [21.0, 0.0]
    ckpt.detector [%37] coords [23.0, 0.0]
    %38 = arith.constant 0 : index
    %39 = arith.constant 38 : index
    %40 = arith.constant 1 : index
    %41, %42, %43, %44, %45, %46, %47, %48, %49, %50, %51, %52 = scf.for %53 = %38 to %39 step %40 iter_args(%54 = %26, %55 = %27, %56 = %28, %57 = %29, %58 = %30, %59 = %31, %60 = %32, %61 = %33, %62 = %34, %63 = %35, %64 = %36, %65 = %37) -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) {
      qc.gate "cx" %1, %2
      qc.gate "cx" %3, %4
      qc.gate "cx" %5, %6
      qc.gate "cx" %7, %8
      qc.gate "cx" %9, %10
      qc.gate "cx" %11, %12
      qc.gate "cx" %13, %14
      qc.gate "cx" %15, %16
      qc.gate "cx" %17, %18
      qc.gate "cx" %19, %20
      qc.gate "cx" %21, %22
      qc.gate "cx" %23, %24
      qc.gate "cx" %3, %2
      qc.gate "cx" %5, %4
      qc.gate "cx" %7, %6
      qc.gate "cx" %9, %8
      qc.gate "cx" %11, %10
      qc.gate "cx" %13, %12
      qc.gate "cx" %15, %14
      qc.gate "cx" %17, %16
      qc.gate "cx" %19, %18
      qc.gate "cx" %21, %20
      qc.gate "cx" %23, %22
      qc.gate "cx" %25, %24
      %66 = qc.measure %2
      qc.reset %2
      %67 = qc.measure %4
      qc.reset %4
      %68 = qc.measure %6
      qc.reset %6
      %69 = qc.measure %8
      qc.reset %8
      %70 = qc.measure %10
      qc.reset %10
      %71 = qc.measure %12
      qc.reset %12
      %72 = qc.measure %14
      qc.reset %14
      %73 = qc.measure %16
      qc.reset %16
      %74 = qc.measure %18
      qc.reset %18
      %75 = qc.measure %20
      qc.reset %20
      %76 = qc.measure %22
      qc.reset %22
      %77 = qc.measure %24
      qc.reset %24
      ckpt.detector [%66, %54] coords [1.0, 0.0]
      ckpt.detector [%67, %55] coords [3.0, 0.0]
      ckpt.detector [%68, %56] coords [5.0, 0.0]
      ckpt.detector [%69, %57] coords [7.0, 0.0]
      ckpt.detector [%70, %58] coords [9.0, 0.0]
      ckpt.detector [%71, %59] coords [11.0, 0.0]
      ckpt.detector [%72, %60] coords [13.0, 0.0]
      ckpt.detector [%73, %61] coords [15.0, 0.0]
      ckpt.detector [%74, %62] coords [17.0, 0.0]
      ckpt.detector [%75, %63] coords [19.0, 0.0]
      ckpt.detector [%76, %64] coords [21.0, 0.0]
      ckpt.detector [%77, %65] coords [23.0, 0.0]
      scf.yield %66, %67, %68, %69, %70, %71, %72, %73, %74, %75, %76, %77 : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1
    }
    %78 = qc.measure %1
    %79 = qc.measure %3
    %80 = qc.measure %5
    %81 = qc.measure %7
    %82 = qc.measure %9
    %83 = qc.measure %11
    %84 = qc.measure %13
    %85 = qc.measure %15
    %86 = qc.measure %17
    %87 = qc.measure %19
    %88 = qc.measure %21
    %89 = qc.measure %23
    %90 = qc.measure %25
    ckpt.detector [%79, %78, %41] coords [1.0, 1.0]
    ckpt.detector [%80, %79, %42] coords [3.0, 1.0]
    ckpt.detector [%81, %80, %43] coords [5.0, 1.0]
    ckpt.detector [%82, %81, %44] coords [7.0, 1.0]
    ckpt.detector [%83, %82, %45] coords [9.0, 1.0]
    ckpt.detector [%84, %83, %46] coords [11.0, 1.0]
    ckpt.detector [%85, %84, %47] coords [13.0, 1.0]
    ckpt.detector [%86, %85, %48] coords [15.0, 1.0]
    ckpt.detector [%87, %86, %49] coords [17.0, 1.0]
    ckpt.detector [%88, %87, %50] coords [19.0, 1.0]
    ckpt.detector [%89, %88, %51] coords [21.0, 1.0]
    ckpt.detector [%90, %89, %52] coords [23.0, 1.0]
    ckpt.observable 0 [%90]
    qc.output "logical" %90 : i1
    func.return
  }
}
