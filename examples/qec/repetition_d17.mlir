// repetition_code:memory, distance 17, 51 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<33>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<33>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<33>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<33>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<33>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<33>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<33>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<33>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<33>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<33>
    %10 = qc.qubit %0[9 : i64] : !qc.reg<33>
    %11 = qc.qubit %0[10 : i64] : !qc.reg<33>
    %12 = qc.qubit %0[11 : i64] : !qc.reg<33>
    %13 = qc.qubit %0[12 : i64] : !qc.reg<33>
    %14 = qc.qubit %0[13 : i64] : !qc.reg<33>
    %15 = qc.qubit %0[14 : i64] : !qc.reg<33>
    %16 = qc.qubit %0[15 : i64] : !qc.reg<33>
    %17 = qc.qubit %0[16 : i64] : !qc.reg<33>
    %18 = qc.qubit %0[17 : i64] : !qc.reg<33>
    %19 = qc.qubit %0[18 : i64] : !qc.reg<33>
    %20 = qc.qubit %0[19 : i64] : !qc.reg<33>
    %21 = qc.qubit %0[20 : i64] : !qc.reg<33>
    %22 = qc.qubit %0[21 : i64] : !qc.reg<33>
    %23 = qc.qubit %0[22 : i64] : !qc.reg<33>
    %24 = qc.qubit %0[23 : i64] : !qc.reg<33>
    %25 = qc.qubit %0[24 : i64] : !qc.reg<33>
    %26 = qc.qubit %0[25 : i64] : !qc.reg<33>
    %27 = qc.qubit %0[26 : i64] : !qc.reg<33>
    %28 = qc.qubit %0[27 : i64] : !qc.reg<33>
    %29 = qc.qubit %0[28 : i64] : !qc.reg<33>
    %30 = qc.qubit %0[29 : i64] : !qc.reg<33>
    %31 = qc.qubit %0[30 : i64] : !qc.reg<33>
    %32 = qc.qubit %0[31 : i64] : !qc.reg<33>
    %33 = qc.qubit %0[32 : i64] : !qc.reg<33>
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
    qc.reset %30
    qc.reset %31
    qc.reset %32
    qc.reset %33
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
    qc.gate "cx" %29, %30
    qc.gate "cx" %31, %32
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
    qc.gate "cx" %31, %30
    qc.gate "cx" %33, %32
    %34 = qc.measure %2
    qc.reset %2
    %35 = qc.measure %4
    qc.reset %4
    %36 = qc.measure %6
    qc.reset %6
    %37 = qc.measure %8
    qc.reset %8
    %38 = qc.measure %10
    qc.reset %10
    %39 = qc.measure %12
    qc.reset %12
    %40 = qc.measure %14
    qc.reset %14
    %41 = qc.measure %16
    qc.reset %16
    %42 = qc.measure %18
    qc.reset %18
    %43 = qc.measure %20
    qc.reset %20
    %44 = qc.measure %22
    qc.reset %22
    %45 = qc.measure %24
    qc.reset %24
    %46 = qc.measure %26
    qc.reset %26
    %47 = qc.measure %28
    qc.reset %28
    %48 = qc.measure %30
    qc.reset %30
    %49 = qc.measure %32
    qc.reset %32
    ckpt.detector [%34] coords [1.0, 0.0]
    ckpt.detector [%35] coords [3.0, 0.0]
    ckpt.detector [%36] coords [5.0, 0.0]
    ckpt.detector [%37] coords [7.0, 0.0]
    ckpt.detector [%38] coords [9.0, 0.0]
    ckpt.detector [%39] coords [11.0, 0.0]
    ckpt.detector [%40] coords [13.0, 0.0]
    ckpt.detector [%41] coords [15.0, 0.0]
    ckpt.detector [%42] coords [17.0, 0.0]
    ckpt.detector [%43] coords [19.0, 0.0]
    ckpt.detector [%44] coords [21.0, 0.0]
    ckpt.detector [%45] coords [23.0, 0.0]
    ckpt.detector [%46] coords [25.0, 0.0]
    ckpt.detector [%47] coords [27.0, 0.0]
    ckpt.detector [%48] coords [29.0, 0.0]
    ckpt.detector [%49] coords [31.0, 0.0]
    %50 = arith.constant 0 : index
    %51 = arith.constant 50 : index
    %52 = arith.constant 1 : index
    %53, %54, %55, %56, %57, %58, %59, %60, %61, %62, %63, %64, %65, %66, %67, %68 = scf.for %69 = %50 to %51 step %52 iter_args(%70 = %34, %71 = %35, %72 = %36, %73 = %37, %74 = %38, %75 = %39, %76 = %40, %77 = %41, %78 = %42, %79 = %43, %80 = %44, %81 = %45, %82 = %46, %83 = %47, %84 = %48, %85 = %49) -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) {
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
      qc.gate "cx" %29, %30
      qc.gate "cx" %31, %32
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
      qc.gate "cx" %31, %30
      qc.gate "cx" %33, %32
      %86 = qc.measure %2
      qc.reset %2
      %87 = qc.measure %4
      qc.reset %4
      %88 = qc.measure %6
      qc.reset %6
      %89 = qc.measure %8
      qc.reset %8
      %90 = qc.measure %10
      qc.reset %10
      %91 = qc.measure %12
      qc.reset %12
      %92 = qc.measure %14
      qc.reset %14
      %93 = qc.measure %16
      qc.reset %16
      %94 = qc.measure %18
      qc.reset %18
      %95 = qc.measure %20
      qc.reset %20
      %96 = qc.measure %22
      qc.reset %22
      %97 = qc.measure %24
      qc.reset %24
      %98 = qc.measure %26
      qc.reset %26
      %99 = qc.measure %28
      qc.reset %28
      %100 = qc.measure %30
      qc.reset %30
      %101 = qc.measure %32
      qc.reset %32
      ckpt.detector [%86, %70] coords [1.0, 0.0]
      ckpt.detector [%87, %71] coords [3.0, 0.0]
      ckpt.detector [%88, %72] coords [5.0, 0.0]
      ckpt.detector [%89, %73] coords [7.0, 0.0]
      ckpt.detector [%90, %74] coords [9.0, 0.0]
      ckpt.detector [%91, %75] coords [11.0, 0.0]
      ckpt.detector [%92, %76] coords [13.0, 0.0]
      ckpt.detector [%93, %77] coords [15.0, 0.0]
      ckpt.detector [%94, %78] coords [17.0, 0.0]
      ckpt.detector [%95, %79] coords [19.0, 0.0]
      ckpt.detector [%96, %80] coords [21.0, 0.0]
      ckpt.detector [%97, %81] coords [23.0, 0.0]
      ckpt.detector [%98, %82] coords [25.0, 0.0]
      ckpt.detector [%99, %83] coords [27.0, 0.0]
      ckpt.detector [%100, %84] coords [29.0, 0.0]
      ckpt.detector [%101, %85] coords [31.0, 0.0]
      scf.yield %86, %87, %88, %89, %90, %91, %92, %93, %94, %95, %96, %97, %98, %99, %100, %101 : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1
    }
    %102 = qc.measure %1
    %103 = qc.measure %3
    %104 = qc.measure %5
    %105 = qc.measure %7
    %106 = qc.measure %9
    %107 = qc.measure %11
    %108 = qc.measure %13
    %109 = qc.measure %15
    %110 = qc.measure %17
    %111 = qc.measure %19
    %112 = qc.measure %21
    %113 = qc.measure %23
    %114 = qc.measure %25
    %115 = qc.measure %27
    %116 = qc.measure %29
    %117 = qc.measure %31
    %118 = qc.measure %33
    ckpt.detector [%103, %102, %53] coords [1.0, 1.0]
    ckpt.detector [%104, %103, %54] coords [3.0, 1.0]
    ckpt.detector [%105, %104, %55] coords [5.0, 1.0]
    ckpt.detector [%106, %105, %56] coords [7.0, 1.0]
    ckpt.detector [%107, %106, %57] coords [9.0, 1.0]
    ckpt.detector [%108, %107, %58] coords [11.0, 1.0]
    ckpt.detector [%109, %108, %59] coords [13.0, 1.0]
    ckpt.detector [%110, %109, %60] coords [15.0, 1.0]
    ckpt.detector [%111, %110, %61] coords [17.0, 1.0]
    ckpt.detector [%112, %111, %62] coords [19.0, 1.0]
    ckpt.detector [%113, %112, %63] coords [21.0, 1.0]
    ckpt.detector [%114, %113, %64] coords [23.0, 1.0]
    ckpt.detector [%115, %114, %65] coords [25.0, 1.0]
    ckpt.detector [%116, %115, %66] coords [27.0, 1.0]
    ckpt.detector [%117, %116, %67] coords [29.0, 1.0]
    ckpt.detector [%118, %117, %68] coords [31.0, 1.0]
    ckpt.observable 0 [%118]
    qc.output "logical" %118 : i1
    func.return
  }
}
