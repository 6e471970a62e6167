// repetition_code:memory, distance 15, 45 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<29>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<29>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<29>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<29>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<29>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<29>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<29>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<29>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<29>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<29>
    %10 = qc.qubit %0[9 : i64] : !qc.reg<29>
    %11 = qc.qubit %0[10 : i64] : !qc.reg<29>
    %12 = qc.qubit %0[11 : i64] : !qc.reg<29>
    %13 = qc.qubit %0[12 : i64] : !qc.reg<29>
    %14 = qc.qubit %0[13 : i64] : !qc.reg<29>
    %15 = qc.qubit %0[14 : i64] : !qc.reg<29>
    %16 = qc.qubit %0[15 : i64] : !qc.reg<29>
    %17 = qc.qubit %0[16 : i64] : !qc.reg<29>
    %18 = qc.qubit %0[17 : i64] : !qc.reg<29>
    %19 = qc.qubit %0[18 : i64] : !qc.reg<29>
    %20 = qc.qubit %0[19 : i64] : !qc.reg<29>
    %21 = qc.qubit %0[20 : i64] : !qc.reg<29>
    %22 = qc.qubit %0[21 : i64] : !qc.reg<29>
    %23 = qc.qubit %0[22 : i64] : !qc.reg<29>
    %24 = qc.qubit %0[23 : i64] : !qc.reg<29>
    %25 = qc.qubit %0[24 : i64] : !qc.reg<29>
    %26 = qc.qubit %0[25 : i64] : !qc.reg<29>
    %27 = qc.qubit %0[26 : i64] : !qc.reg<29>
    %28 = qc.qubit %0[27 : i64] : !qc.reg<29>
    %29 = qc.qubit %0[28 : i64] : !qc.reg<29>
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
    qc.reset %26
    qc.reset %27
    qc.reset %28
    qc.reset %29
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
    qc.gate "cx" %25, %26
    qc.gate "cx" %27, %28
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
    qc.gate "cx" %27, %26
    qc.gate "cx" %29, %28
    %30 = qc.measure %2
    qc.reset %2
    %31 = qc.measure %4
    qc.reset %4
    %32 = qc.measure %6
    qc.reset %6
    %33 = qc.measure %8
    qc.reset %8
    %34 = qc.measure %10
    qc.reset %10
    %35 = qc.measure %12
    qc.reset %12
    %36 = qc.measure %14
    qc.reset %14
    %37 = qc.measure %16
    qc.reset %16
    %38 = qc.measure %18
    qc.reset %18
    %39 = qc.measure %20
    qc.reset %20
    %40 = qc.measure %22
    qc.reset %22
    %41 = qc.measure %24
    qc.reset %24
    %42 = qc.measure %26
    qc.reset %26
    %43 = qc.measure %28
    qc.reset %28
    ckpt.detector [%30] coords [1.0, 0.0]
    ckpt.detector [%31] coords [3.0, 0.0]
    ckpt.detector [%32] coords [5.0, 0.0]
    ckpt.detector [%33] coords [7.0, 0.0]
    ckpt.detector [%34] coords [9.0, 0.0]
    ckpt.detector [%35] coords [11.0, 0.0]
    ckpt.detector [%36] coords [13.0, 0.0]
    ckpt.detector [%37] coords [15.0, 0.0]
    ckpt.detector [%38] coords [17.0, 0.0]
    ckpt.detector [%39] coords [19.0, 0.0]
    ckpt.detector [%40] coords [21.0, 0.0]
    ckpt.detector [%41] coords [23.0, 0.0]
    ckpt.detector [%42] coords [25.0, 0.0]
    ckpt.detector [%43] coords [27.0, 0.0]
    %44 = arith.constant 0 : index
    %45 = arith.constant 44 : index
    %46 = arith.constant 1 : index
    %47, %48, %49, %50, %51, %52, %53, %54, %55, %56, %57, %58, %59, %60 = scf.for %61 = %44 to %45 step %46 iter_args(%62 = %30, %63 = %31, %64 = %32, %65 = %33, %66 = %34, %67 = %35, %68 = %36, %69 = %37, %70 = %38, %71 = %39, %72 = %40, %73 = %41, %74 = %42, %75 = %43) -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) {
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
      qc.gate "cx" %25, %26
      qc.gate "cx" %27, %28
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
      qc.gate "cx" %27, %26
      qc.gate "cx" %29, %28
      %76 = qc.measure %2
      qc.reset %2
      %77 = qc.measure %4
      qc.reset %4
      %78 = qc.measure %6
      qc.reset %6
      %79 = qc.measure %8
      qc.reset %8
      %80 = qc.measure %10
      qc.reset %10
      %81 = qc.measure %12
      qc.reset %12
      %82 = qc.measure %14
      qc.reset %14
      %83 = qc.measure %16
      qc.reset %16
      %84 = qc.measure %18
      qc.reset %18
      %85 = qc.measure %20
      qc.reset %20
      %86 = qc.measure %22
      qc.reset %22
      %87 = qc.measure %24
      qc.reset %24
      %88 = qc.measure %26
      qc.reset %26
      %89 = qc.measure %28
      qc.reset %28
      ckpt.detector [%76, %62] coords [1.0, 0.0]
      ckpt.detector [%77, %63] coords [3.0, 0.0]
      ckpt.detector [%78, %64] coords [5.0, 0.0]
      ckpt.detector [%79, %65] coords [7.0, 0.0]
      ckpt.detector [%80, %66] coords [9.0, 0.0]
      ckpt.detector [%81, %67] coords [11.0, 0.0]
      ckpt.detector [%82, %68] coords [13.0, 0.0]
      ckpt.detector [%83, %69] coords [15.0, 0.0]
      ckpt.detector [%84, %70] coords [17.0, 0.0]
      ckpt.detector [%85, %71] coords [19.0, 0.0]
      ckpt.detector [%86, %72] coords [21.0, 0.0]
      ckpt.detector [%87, %73] coords [23.0, 0.0]
      ckpt.detector [%88, %74] coords [25.0, 0.0]
      ckpt.detector [%89, %75] coords [27.0, 0.0]
      scf.yield %76, %77, %78, %79, %80, %81, %82, %83, %84, %85, %86, %87, %88, %89 : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1
    }
    %90 = qc.measure %1
    %91 = qc.measure %3
    %92 = qc.measure %5
    %93 = qc.measure %7
    %94 = qc.measure %9
    %95 = qc.measure %11
    %96 = qc.measure %13
    %97 = qc.measure %15
    %98 = qc.measure %17
    %99 = qc.measure %19
    %100 = qc.measure %21
    %101 = qc.measure %23
    %102 = qc.measure %25
    %103 = qc.measure %27
    %104 = qc.measure %29
    ckpt.detector [%91, %90, %47] coords [1.0, 1.0]
    ckpt.detector [%92, %91, %48] coords [3.0, 1.0]
    ckpt.detector [%93, %92, %49] coords [5.0, 1.0]
    ckpt.detector [%94, %93, %50] coords [7.0, 1.0]
    ckpt.detector [%95, %94, %51] coords [9.0, 1.0]
    ckpt.detector [%96, %95, %52] coords [11.0, 1.0]
    ckpt.detector [%97, %96, %53] coords [13.0, 1.0]
    ckpt.detector [%98, %97, %54] coords [15.0, 1.0]
    ckpt.detector [%99, %98, %55] coords [17.0, 1.0]
    ckpt.detector [%100, %99, %56] coords [19.0, 1.0]
    ckpt.detector [%101, %100, %57] coords [21.0, 1.0]
    ckpt.detector [%102, %101, %58] coords [23.0, 1.0]
    ckpt.detector [%103, %102, %59] coords [25.0, 1.0]
    ckpt.detector [%104, %103, %60] coords [27.0, 1.0]
    ckpt.observable 0 [%104]
    qc.output "logical" %104 : i1
    func.return
  }
}
